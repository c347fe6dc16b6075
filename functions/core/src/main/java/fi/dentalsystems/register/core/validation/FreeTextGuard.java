package fi.dentalsystems.register.core.validation;

import java.util.Optional;

/**
 * Keeps henkilötunnus and card numbers out of free-text fields (summaries, notes, details): the API
 * refuses them with {@link SensitiveNumber#message()}, mail and logs get them {@link #redact redacted}.
 */
public final class FreeTextGuard {
    public static final String REMOVED = "[removed]";

    private FreeTextGuard() {
    }

    /** The first kind found, identity codes looked for before card numbers; empty for null or clean text. */
    public static Optional<SensitiveNumber> check(String text) {
        if (PersonalIdentityCode.occursIn(text)) {
            return Optional.of(SensitiveNumber.PERSONAL_IDENTITY_CODE);
        }
        if (PaymentCardNumber.occursIn(text)) {
            return Optional.of(SensitiveNumber.PAYMENT_CARD_NUMBER);
        }
        return Optional.empty();
    }

    /** The text with both kinds replaced by {@value #REMOVED}; null gives "". */
    public static String redact(String text) {
        return PaymentCardNumber.redact(PersonalIdentityCode.redact(text, REMOVED), REMOVED);
    }
}
