package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;

/**
 * Sends the answer of a completed request and records that it went (event ANSWER_SENT). A
 * completion that dies after its conditional COMPLETED write but before the mail left is finished
 * by the next run, which finds COMPLETED without ANSWER_SENT and mails then; a run that finds
 * ANSWER_SENT mails nothing. The audit item is written before the mail and nothing else sits
 * between the mail and the mark, so the one window for a second mail is a crash in that instant
 * (SES has no idempotency key): a person gets the answer twice rather than never.
 */
public final class RequestAnswer {
    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public RequestAnswer(RequestRepository requests, AuditLog audit, Mailer mailer) {
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
    }

    public DataSubjectRequest send(DataSubjectRequest completed, Mail answer, AuditLog.Access access, Instant now) {
        if (RequestLifecycle.answered(completed)) {
            return completed;
        }
        audit.record(access, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, completed.requestId()));
        mailer.send(answer);
        return requests.update(RequestLifecycle.answerSent(completed, now));
    }
}
