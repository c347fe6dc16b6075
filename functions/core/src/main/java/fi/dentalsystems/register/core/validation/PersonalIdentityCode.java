package fi.dentalsystems.register.core.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finnish personal identity code (henkilötunnus) {@code DDMMYYCZZZQ}. Used to keep such codes out of
 * free text, so only codes with a real date, an individual number 002–999 and the right check
 * character count: ordinary dates and numbers that merely look alike pass.
 */
public final class PersonalIdentityCode {
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String CENTURY_SIGNS = "+-YXWVUABCDEF";
    /*
     * Fixed-length, no nested quantifiers: linear time. Typographic dashes (‐ ‑ ‒ – — ― −) count as the
     * 1900s hyphen in free text, as word processors put them there. Not preceded or followed by a letter
     * or digit, so longer tokens do not count.
     */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\d{6})([-+ABCDEFUVWXYabcdefuvwxy\\u2010-\\u2015\\u2212])(\\d{3})([0-9A-Ya-y])"
                    + "(?![\\p{L}\\p{N}])");

    private PersonalIdentityCode() {
    }

    /** Whether the text, trimmed, is exactly one valid code (letters in either case). */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text.strip());
        return m.matches() && CENTURY_SIGNS.indexOf(Character.toUpperCase(m.group(2).charAt(0))) >= 0 && valid(m);
    }

    /** Whether the text holds a valid code anywhere; null holds none. */
    public static boolean occursIn(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (valid(m)) {
                return true;
            }
        }
        return false;
    }

    /** The text with each valid code replaced; lookalikes are kept. Null text gives "". */
    public static String redact(String text, String replacement) {
        String literal = Matcher.quoteReplacement(replacement);
        if (text == null) {
            return "";
        }
        return CANDIDATE.matcher(text).replaceAll(m -> valid(m) ? literal : Matcher.quoteReplacement(m.group()));
    }

    private static boolean valid(MatchResult m) {
        String date = m.group(1);
        int century = switch (Character.toUpperCase(m.group(2).charAt(0))) {
            case '+' -> 1800;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> 2000;
            default -> 1900; // '-', U–Y and the typographic dashes
        };
        try {
            LocalDate.of(century + Integer.parseInt(date.substring(4, 6)), Integer.parseInt(date.substring(2, 4)),
                    Integer.parseInt(date.substring(0, 2)));
        } catch (DateTimeException e) {
            return false;
        }
        if (Integer.parseInt(m.group(3)) < 2) {
            return false; // 000 and 001 are not issued
        }
        int number = Integer.parseInt(date + m.group(3));
        return CHECK.charAt(number % 31) == Character.toUpperCase(m.group(4).charAt(0));
    }
}
