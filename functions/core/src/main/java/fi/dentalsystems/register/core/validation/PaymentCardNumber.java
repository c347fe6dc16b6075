package fi.dentalsystems.register.core.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payment card numbers (13–19 digits, Luhn), possibly grouped by spaces or hyphens. */
public final class PaymentCardNumber {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    private PaymentCardNumber() {
    }

    public static boolean luhnValid(String digits) {
        if (digits == null || digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    public static boolean occursIn(String text) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (isCard(m.group())) {
                return true;
            }
        }
        return false;
    }

    public static String redact(String text, String replacement) {
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(isCard(m.group()) ? replacement : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isCard(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        return digits.length() >= 13 && digits.length() <= 19 && luhnValid(digits);
    }
}
