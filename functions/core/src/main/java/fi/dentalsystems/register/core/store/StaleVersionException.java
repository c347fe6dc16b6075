package fi.dentalsystems.register.core.store;

/** A conditional write lost: the item changed since the caller read it. */
public final class StaleVersionException extends RuntimeException {
    public StaleVersionException() {
        super("stale version", null, false, false);
    }
}
