package fi.dentalsystems.register.core.validation;

import java.util.Optional;

/** Finnish business id (Y-tunnus): seven digits, hyphen, check digit (weights 7,9,10,5,8,4,2; mod 11). */
public record BusinessId(String value) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    public BusinessId {
        if (!isCanonical(value)) {
            throw new IllegalArgumentException("not a valid business id");
        }
    }

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
        if (text == null || text.length() != 9 || text.charAt(7) != '-') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char check = text.charAt(8);
        if (check < '0' || check > '9') {
            return false;
        }
        int remainder = sum % 11;
        if (remainder == 1) {
            return false; // no id is issued with this remainder
        }
        return (check - '0') == (remainder == 0 ? 0 : 11 - remainder);
    }
}
