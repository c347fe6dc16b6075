package fi.dentalsystems.register.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/** A phone number valid by libphonenumber's metadata, kept in E.164 form ({@code +358401487672}). */
public record PhoneNumber(String e164) {
    // building the metadata is costly; the instance is thread-safe
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "FI";
    private static final int MAX_INPUT = 40;

    public PhoneNumber {
        if (!isE164Shape(e164)) {
            // the value is not echoed: callers may log exception messages
            throw new IllegalArgumentException("not an E.164 phone number");
        }
    }

    /**
     * Parses with Finland as the default region, so "040 123 4567" means +358 40 123 4567; other
     * countries need their + or 00 prefix. Numbers with an extension are refused: E.164 cannot hold it
     * and dropping it silently would store a different number.
     */
    public static Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = NUMBERS.parse(raw, DEFAULT_REGION);
            if (!NUMBERS.isValidNumber(number) || number.hasExtension()) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    // '+', a non-zero country-code digit, at most 15 digits in all
    private static boolean isE164Shape(String text) {
        if (text == null || text.length() < 3 || text.length() > 16 || text.charAt(0) != '+'
                || text.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
