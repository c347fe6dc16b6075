package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.RequestRepository;

import fi.dentalsystems.register.core.domain.RectificationOutcome;

import java.time.Instant;
import java.util.Optional;

/**
 * GDPR art. 16: staff applied the corrections through PATCH (each linked to the request by
 * X-Data-Subject-Request in the audit); this closes the request and mails the outcome once.
 * Re-runnable: a completed request whose answer never went gets it on the next run.
 */
public final class RectificationFulfilment {
    private final RequestRepository requests;
    private final AuditLog audit;
    private final RequestAnswer answer;
    private final RequestMails mails;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public RectificationFulfilment(RequestRepository requests, AuditLog audit, RequestAnswer answer, RequestMails mails) {
        this.mails = mails;
        this.requests = requests;
        this.audit = audit;
        this.answer = answer;
    }

    public DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access access, Instant now) {
        return fulfil(approved, access, now, Optional.empty());
    }

    /**
     * Closes the request with what staff say was corrected and what not, and why (issue 15): recorded
     * on the request in the same write that completes it, so the answer lists exactly that.
     */
    public DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access access, Instant now,
                                     Optional<RectificationOutcome> outcome) {
        if (approved.type() != RequestType.RECTIFICATION) {
            throw new IllegalTransitionException("Only a RECTIFICATION request is fulfilled by rectification.");
        }
        DataSubjectRequest current = approved;
        if (current.status() != RequestStatus.COMPLETED) {
            if (!current.status().canMoveTo(RequestStatus.COMPLETED)) {
                throw new IllegalTransitionException("A " + current.status() + " request cannot be completed; verify it first.");
            }
            // audit before completing: a crash in between repeats an audit item, never loses one
            audit.record(access, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, current.requestId()));
            String actor = access.caller().subject();
            DataSubjectRequest withOutcome = outcome.map(o -> o.recordedOn(approved, actor, now)).orElse(current);
            String note = RectificationOutcome.of(withOutcome).map(o -> "corrected " + o.corrected().size()
                    + ", not corrected " + o.notCorrected().size()).orElse("corrections applied");
            current = requests.update(RequestLifecycle.complete(withOutcome, actor, note, now));
        }
        return answer.send(current, mails.rectificationDone(current), access, now);
    }
}
