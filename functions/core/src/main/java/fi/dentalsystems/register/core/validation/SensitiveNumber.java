package fi.dentalsystems.register.core.validation;

/** Numbers that free text must not hold (data minimisation). Messages never include the number. */
public enum SensitiveNumber {
    PERSONAL_IDENTITY_CODE("must not contain a Finnish personal identity code"),
    PAYMENT_CARD_NUMBER("must not contain a payment card number");

    private final String message;

    SensitiveNumber(String message) {
        this.message = message;
    }

    /** A field-error message, safe to return to the caller and to log. */
    public String message() {
        return message;
    }
}
