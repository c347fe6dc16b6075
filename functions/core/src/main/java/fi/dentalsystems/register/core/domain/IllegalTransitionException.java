package fi.dentalsystems.register.core.domain;

/** A lifecycle move the rules do not allow (a 409 at the API). Names states only, never data. */
public final class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message, null, false, false);
    }
}
