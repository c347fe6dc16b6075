package fi.dentalsystems.register.core.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finnish personal identity code (henkilötunnus) DDMMYYCZZZQ. Used to keep such codes out
 * of free text: only codes with a real date and a correct check character count, so
 * ordinary dates and numbers pass.
 */
public final class PersonalIdentityCode {
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\d{6})([-+ABCDEFUVWXYabcdefuvwxy])(\\d{3})([0-9A-Ya-y])(?![\\p{L}\\p{N}])");

    private PersonalIdentityCode() {
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text.strip());
        return m.matches() && valid(m);
    }

    public static boolean occursIn(String text) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (valid(m)) {
                return true;
            }
        }
        return false;
    }

    public static String redact(String text, String replacement) {
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, valid(m) ? Matcher.quoteReplacement(replacement) : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean valid(Matcher m) {
        String date = m.group(1);
        char sign = Character.toUpperCase(m.group(2).charAt(0));
        int century = switch (sign) {
            case '+' -> 1800;
            case '-', 'Y', 'X', 'W', 'V', 'U' -> 1900;
            default -> 2000;
        };
        try {
            LocalDate.of(century + Integer.parseInt(date.substring(4, 6)), Integer.parseInt(date.substring(2, 4)),
                    Integer.parseInt(date.substring(0, 2)));
        } catch (DateTimeException e) {
            return false;
        }
        int individual = Integer.parseInt(m.group(3));
        if (individual < 2) {
            return false;
        }
        int number = Integer.parseInt(date + m.group(3));
        return CHECK.charAt(number % 31) == Character.toUpperCase(m.group(4).charAt(0));
    }
}
