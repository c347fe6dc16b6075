package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.store.InvalidCursorException;

import java.util.Optional;

/**
 * The one place where exceptions of the layers below become problem answers, so routes
 * let them through instead of catching and rethrowing. Details name rules, never data.
 */
final class ProblemMapping {
    private ProblemMapping() {
    }

    static Optional<ProblemException> of(RuntimeException failure) {
        if (failure instanceof ProblemException problem) {
            return Optional.of(problem);
        }
        if (failure instanceof InvalidCursorException) {
            return Optional.of(ProblemException.invalidField("cursor", "is not a cursor this list returned"));
        }
        return Optional.empty();
    }
}
