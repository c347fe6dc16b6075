package fi.dentalsystems.register.core.validation;

import java.util.Optional;

/** Keeps henkilötunnus and card numbers out of free-text fields: refused in the API, removed from mail. */
public final class FreeTextGuard {
    public static final String REMOVED = "[removed]";

    private FreeTextGuard() {
    }

    public static Optional<SensitiveNumber> check(String text) {
        if (PersonalIdentityCode.occursIn(text)) {
            return Optional.of(SensitiveNumber.PERSONAL_IDENTITY_CODE);
        }
        if (PaymentCardNumber.occursIn(text)) {
            return Optional.of(SensitiveNumber.PAYMENT_CARD_NUMBER);
        }
        return Optional.empty();
    }

    public static String redact(String text) {
        return PaymentCardNumber.redact(PersonalIdentityCode.redact(text, REMOVED), REMOVED);
    }
}
