package fi.dentalsystems.register.core.store;

/** A page cursor the list never returned (tampered, truncated or from another list); the API answers 400. */
public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException() {
        super("invalid cursor", null, false, false);
    }
}
