package fi.dentalsystems.register.core.validation;

import java.util.Optional;

/**
 * Finnish business id (Y-tunnus) in canonical form {@code NNNNNNN-C}. The check digit uses weights
 * 7,9,10,5,8,4,2 mod 11; a body with remainder 1 has no valid check digit, so no id is issued for it.
 */
public record BusinessId(String value) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    public BusinessId {
        if (!isCanonical(value)) {
            // the value is not echoed: callers may log exception messages
            throw new IllegalArgumentException("not a valid business id");
        }
    }

    /** Trims, pads an old six-digit body with one leading zero, and checks the check digit. */
    public static Optional<BusinessId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.length() == 8 && text.charAt(6) == '-') {
            text = "0" + text; // old ids were written with six digits
        }
        return isCanonical(text) ? Optional.of(new BusinessId(text)) : Optional.empty();
    }

    public static boolean isValid(String raw) {
        return parse(raw).isPresent();
    }

    private static boolean isCanonical(String text) {
        if (text == null || text.length() != 9 || text.charAt(7) != '-' || !isAsciiDigit(text.charAt(8))) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            char c = text.charAt(i);
            if (!isAsciiDigit(c)) {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        if (remainder == 1) {
            return false;
        }
        return text.charAt(8) - '0' == (remainder == 0 ? 0 : 11 - remainder);
    }

    // Character.isDigit would let other scripts' digits through
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
