package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.CorrectionRefusedException;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.RestrictedRecordException;
import fi.dentalsystems.register.core.store.DuplicateBusinessIdException;
import fi.dentalsystems.register.core.store.InvalidCursorException;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.util.Locale;
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
        if (failure instanceof StaleVersionException stale) {
            // a conditional write lost to a concurrent one after the If-Match check passed
            return Optional.of(new ProblemException(ProblemType.PRECONDITION_FAILED, "The "
                    + stale.target().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " changed while your change was applied; read it again and reapply your change."));
        }
        if (failure instanceof IllegalTransitionException illegal) {
            // its message names states and rules only (IllegalTransitionException)
            return Optional.of(new ProblemException(ProblemType.CONFLICT, illegal.getMessage()));
        }
        if (failure instanceof RestrictedRecordException restricted) {
            return Optional.of(new ProblemException(ProblemType.RESTRICTED, restricted.getMessage()));
        }
        if (failure instanceof CorrectionRefusedException refused) {
            // names the rule and the request id the caller sent, never an address
            return Optional.of(new ProblemException(ProblemType.NOT_WARRANTED, refused.getMessage()));
        }
        if (failure instanceof DuplicateBusinessIdException duplicate) {
            // the existing customer's id, never the business id the caller sent
            return Optional.of(new ProblemException(ProblemType.CONFLICT,
                    "A customer with this business id is already registered (" + duplicate.existingCustomerId() + ")."));
        }
        return Optional.empty();
    }
}
