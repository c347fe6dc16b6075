package fi.dentalsystems.register.core.store;

/** Another customer already holds this business id; carries that customer's id (not the business id). */
public final class DuplicateBusinessIdException extends RuntimeException {
    private final String existingCustomerId;

    public DuplicateBusinessIdException(String existingCustomerId) {
        super("business id already registered", null, false, false);
        this.existingCustomerId = existingCustomerId;
    }

    public String existingCustomerId() {
        return existingCustomerId;
    }
}
