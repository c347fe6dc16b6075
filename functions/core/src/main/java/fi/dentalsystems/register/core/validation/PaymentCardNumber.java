package fi.dentalsystems.register.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Payment card numbers in free text: 13–19 digits passing the Luhn check, written plain or in groups
 * joined by single spaces or hyphens, with no digit right before or after.
 *
 * <p>To keep ordinary numbers from chaining into a candidate, every group but the last must have at
 * least four digits (cards are written 4-4-4-4, 4-6-5 and the like; tooth lists, dates and phone
 * numbers use shorter groups), and the first digit must not be 0 (no card range starts with 0,
 * Finnish phone numbers do). Digits inside a valid IBAN do not count: a Finnish account number (the
 * 14 digits after "FIkk") carries a Luhn check digit itself. A hand-written scanner, not a regex, so
 * the search stays linear.
 */
public final class PaymentCardNumber {
    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MIN_INNER_GROUP = 4;
    private static final int IBAN_MIN = 15;
    private static final int IBAN_MAX = 34;

    private PaymentCardNumber() {
    }

    /** The Luhn (mod 10) check over a string of ASCII digits only; empty or null is not valid. */
    public static boolean luhnValid(String digits) {
        if (digits == null || digits.isEmpty()) {
            return false;
        }
        int[] values = new int[digits.length()];
        for (int i = 0; i < values.length; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            values[i] = c - '0';
        }
        return luhn(values, values.length);
    }

    /** Whether the text holds a card number anywhere; null holds none. */
    public static boolean occursIn(String text) {
        return text != null && !findAll(text, true).isEmpty();
    }

    /** The text with each card number replaced; overlapping finds are replaced as one. Null text gives "". */
    public static String redact(String text, String replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (text == null) {
            return "";
        }
        List<int[]> spans = findAll(text, false);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int spanStart = -1;
        int spanEnd = -1;
        for (int[] span : spans) { // sorted by start
            if (span[0] < spanEnd) {
                spanEnd = Math.max(spanEnd, span[1]);
                continue;
            }
            if (spanStart >= 0) {
                out.append(text, copied, spanStart).append(replacement);
                copied = spanEnd;
            }
            spanStart = span[0];
            spanEnd = span[1];
        }
        out.append(text, copied, spanStart).append(replacement).append(text, spanEnd, text.length());
        return out.toString();
    }

    /** Spans [start, end) of card numbers, by start; only the first one if {@code firstOnly}. */
    private static List<int[]> findAll(String text, boolean firstOnly) {
        List<int[]> groups = groups(text); // each {start, end}, maximal digit runs
        boolean[] inIban = inIban(groups, ibanSpans(text));
        List<int[]> found = new ArrayList<>();
        int[] window = new int[MAX_DIGITS];
        for (int first = 0; first < groups.size(); first++) {
            if (Character.digit(text.charAt(groups.get(first)[0]), 10) == 0) {
                continue;
            }
            int count = 0;
            for (int g = first; g < groups.size(); g++) {
                int[] group = groups.get(g);
                int length = group[1] - group[0];
                if (count + length > MAX_DIGITS || inIban[g]) {
                    break;
                }
                for (int i = group[0]; i < group[1]; i++) {
                    window[count++] = Character.digit(text.charAt(i), 10);
                }
                if (count >= MIN_DIGITS && luhn(window, count)) {
                    found.add(new int[] {groups.get(first)[0], group[1]});
                    if (firstOnly) {
                        return found;
                    }
                }
                boolean joined = g + 1 < groups.size() && groups.get(g + 1)[0] == group[1] + 1
                        && isSeparator(text.charAt(group[1]));
                if (!joined || length < MIN_INNER_GROUP) {
                    break;
                }
            }
        }
        return found;
    }

    // Character.isDigit, so a digit of another script also ends a number rather than being skipped
    private static List<int[]> groups(String text) {
        List<int[]> groups = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isDigit(text.charAt(i))) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                groups.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        return groups;
    }

    /** For each digit group, whether it lies within one of the (sorted, disjoint) IBAN spans. */
    private static boolean[] inIban(List<int[]> groups, List<int[]> ibans) {
        boolean[] inside = new boolean[groups.size()];
        int s = 0;
        for (int g = 0; g < groups.size() && s < ibans.size(); g++) {
            while (s < ibans.size() && ibans.get(s)[1] <= groups.get(g)[0]) {
                s++;
            }
            inside[g] = s < ibans.size() && ibans.get(s)[0] < groups.get(g)[1];
        }
        return inside;
    }

    /**
     * Spans of IBANs: two letters and two digits starting a token, then letters and digits, possibly
     * grouped by single separators, ending at a group end, 15–34 characters, mod 97 = 1 (ISO 13616).
     */
    private static List<int[]> ibanSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        StringBuilder iban = new StringBuilder(IBAN_MAX);
        for (int i = 0; i + 4 <= text.length(); i++) {
            if (!isAsciiLetter(text.charAt(i)) || !isAsciiLetter(text.charAt(i + 1))
                    || !isAsciiDigit(text.charAt(i + 2)) || !isAsciiDigit(text.charAt(i + 3))
                    || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            iban.setLength(0);
            int j = i;
            while (j < text.length() && iban.length() < IBAN_MAX) {
                char c = text.charAt(j);
                if (isAsciiLetter(c) || isAsciiDigit(c)) {
                    iban.append(c);
                    j++;
                    boolean groupEnd = j == text.length() || !Character.isLetterOrDigit(text.charAt(j));
                    if (groupEnd && iban.length() >= IBAN_MIN && ibanChecks(iban)) {
                        spans.add(new int[] {i, j});
                        i = j - 1;
                        break;
                    }
                } else if (isSeparator(c) && j + 1 < text.length() && isAsciiLetterOrDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
        }
        return spans;
    }

    // country code and check digits moved to the end, letters as 10–35, the whole mod 97
    private static boolean ibanChecks(CharSequence iban) {
        int remainder = 0;
        for (int k = 0; k < iban.length(); k++) {
            char c = Character.toUpperCase(iban.charAt((k + 4) % iban.length()));
            int value = isAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
        }
        return remainder == 1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c);
    }

    // spaces and hyphens, including the no-break and typographic ones that pasted text carries
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u00A0' || c == '\u2007' || c == '\u202F'
                || (c >= '\u2010' && c <= '\u2013') || c == '\u2212';
    }

    private static boolean luhn(int[] digits, int count) {
        int sum = 0;
        boolean doubled = false;
        for (int i = count - 1; i >= 0; i--) {
            int d = digits[i];
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
