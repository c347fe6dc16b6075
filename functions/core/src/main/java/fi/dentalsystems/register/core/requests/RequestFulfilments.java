package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.RequestLifecycle;

import java.time.Instant;

/**
 * What completes a verified request after staff approval, one fulfilment per type: ACCESS stores
 * the export and mails its single-use link (art. 15); RECTIFICATION closes after the corrections
 * were applied by PATCH (art. 16); ERASURE and RESTRICTION apply themselves (art. 17, 18).
 * OBJECTION is applied on verification, by the Requests stream (art. 21). Each is re-runnable.
 */
@SuppressFBWarnings(value = "EI_EXPOSE_REP",
        justification = "Injected collaborators, shared on purpose: a group of the fulfilment services, not data")
public record RequestFulfilments(AccessFulfilment access, RectificationFulfilment rectification,
                                 ErasureFulfilment erasure, RestrictionFulfilment restriction,
                                 DuplicateRequests duplicates) {

    /**
     * Completes the request by its type, then the rest of its duplicate group with that one answer
     * (issue 11). A member the group's answer already completed owes nothing: answered as it is.
     */
    public DataSubjectRequest complete(DataSubjectRequest approved, AuditLog.Access who, Instant now) {
        return complete(approved, who, now, java.util.Optional.empty());
    }

    /** The same, with what staff corrected and what not for a RECTIFICATION (issue 15). */
    public DataSubjectRequest complete(DataSubjectRequest approved, AuditLog.Access who, Instant now,
                                       java.util.Optional<fi.dentalsystems.register.core.domain.RectificationOutcome> outcome) {
        if (RequestLifecycle.answeredWithGroup(approved)) {
            return approved;
        }
        DataSubjectRequest completed = approved.type() == fi.dentalsystems.register.core.domain.RequestType.RECTIFICATION
                ? rectification.fulfil(approved, who, now, outcome) : fulfil(approved, who, now);
        duplicates.closeWith(completed, who, now);
        return completed;
    }

    private DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access who, Instant now) {
        return switch (approved.type()) {
            case ACCESS -> access.fulfil(approved, who, now);
            case RECTIFICATION -> rectification.fulfil(approved, who, now);
            case ERASURE -> erasure.fulfil(approved, who, now);
            case RESTRICTION -> restriction.fulfil(approved, who, now);
            case OBJECTION -> throw new IllegalTransitionException(
                    "An objection is applied automatically when it is verified.");
            case UNCLASSIFIED -> throw new IllegalTransitionException("Classify the request before completing it.");
        };
    }
}
