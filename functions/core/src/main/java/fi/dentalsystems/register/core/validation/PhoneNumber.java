package fi.dentalsystems.register.core.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Optional;

/** A phone number parsed with libphonenumber (Finnish default region) and kept in E.164 form. */
public record PhoneNumber(String e164) {
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    public static Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            var number = NUMBERS.parse(raw, "FI");
            if (!NUMBERS.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
