package fi.dentalsystems.register.core.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.mail.MailReference;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What came back for a mail the register sent about a request — a bounce or a complaint — as an
 * event on that request, so staff see that the person never got the verification link (or an
 * answer) and can reach them another way (GDPR art. 12(2): facilitate the exercise of the rights).
 * The event's note holds the mail's purpose, the kind of bounce and the notification's id: never
 * the address. Recording the same notification twice records it once.
 */
public final class MailFeedback {
    public static final String VERIFICATION_BOUNCED = "VERIFICATION_BOUNCED";
    public static final String MAIL_BOUNCED = "MAIL_BOUNCED";
    public static final String MAIL_COMPLAINED = "MAIL_COMPLAINED";

    public enum Kind { BOUNCE, COMPLAINT }

    /** One notification: the mail it concerns, its kind, a short detail (bounce type, status code), its id. */
    public record Notice(MailReference mail, Kind kind, String detail, String feedbackId) {
    }

    public enum Result { RECORDED, ALREADY_RECORDED, UNKNOWN_REQUEST }

    private final RequestRepository requests;
    private final AuditLog audit;
    private final String actor;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The repository and the audit log are the function's shared, injected stores: there is "
                    + "nothing to copy")
    public MailFeedback(RequestRepository requests, AuditLog audit, String actor) {
        this.requests = requests;
        this.audit = audit;
        this.actor = actor;
    }

    public static String eventKind(Notice notice) {
        if (notice.kind() == Kind.COMPLAINT) {
            return MAIL_COMPLAINED;
        }
        return notice.mail().verification() ? VERIFICATION_BOUNCED : MAIL_BOUNCED;
    }

    public Result record(Notice notice, Instant now) {
        String kind = eventKind(notice);
        String note = notice.mail().purpose() + " mail; " + notice.detail() + "; feedback " + notice.feedbackId();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<DataSubjectRequest> found = requests.find(notice.mail().requestId());
            if (found.isEmpty()) {
                return Result.UNKNOWN_REQUEST;
            }
            DataSubjectRequest r = found.get();
            boolean seen = r.events().stream().anyMatch(e -> e.kind().equals(kind)
                    && e.note().filter(n -> n.endsWith("feedback " + notice.feedbackId())).isPresent());
            if (seen) {
                // SES or SNS delivered it twice: nothing changes, but the request was read (issue 14)
                audit.record(access(notice), AuditAction.READ, new AuditTarget(TargetType.REQUEST, r.requestId()));
                return Result.ALREADY_RECORDED;
            }
            try {
                requests.update(RequestLifecycle.note(r, kind, actor, note, now));
            } catch (StaleVersionException raced) {
                continue; // another write moved the request on: read it again
            }
            audit.record(access(notice), AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, r.requestId()));
            return Result.RECORDED;
        }
        throw new StaleVersionException(TargetType.REQUEST);
    }

    private AuditLog.Access access(Notice notice) {
        return new AuditLog.Access(new Caller(actor, Set.of()), "mail feedback", notice.feedbackId(),
                Purpose.ADMINISTRATION.code());
    }
}
