package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.retention.VerificationPolicy;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every request ends (issue 11): requests still waiting for their verification link, read from
 * the byStatusDue index (AWAITING_VERIFICATION, any deadline: they are few, never a scan), get the
 * one reminder with a fresh link when {@link VerificationPolicy} says, and close UNVERIFIED — an
 * event and an audit item, no mail — once the reminder's link has been expired for its grace.
 * Each move is a write conditional on the version read: a person verifying at that moment wins,
 * and the request is looked at again on the next run.
 */
final class UnverifiedRequests {
    /** What one run did: ids only. */
    record Done(List<String> reminded, List<String> closed) {
        Done {
            reminded = List.copyOf(reminded);
            closed = List.copyOf(closed);
        }
    }

    private static final AuditLog.Access SYSTEM = new AuditLog.Access(new Caller("deadline-monitor", Set.of()),
            "schedule", "-", Purpose.ADMINISTRATION.code());

    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final VerificationPolicy policy;
    private final String publicBaseUrl;

    UnverifiedRequests(RequestRepository requests, AuditLog audit, Mailer mailer, RequestMails mails,
                       VerificationPolicy policy, String publicBaseUrl) {
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
        this.mails = mails;
        this.policy = policy;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    Done run(Instant now) {
        List<String> reminded = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<DataSubjectRequest> page = requests.byStatusDueBefore(RequestStatus.AWAITING_VERIFICATION,
                    Instant.parse("9999-12-31T00:00:00Z"), 100, cursor);
            // every waiting request is read to judge its clock: one READ entry each (issue 14); those few
            // that move get their UPDATE entry too
            audit.record(SYSTEM, AuditAction.READ, page.items().stream()
                    .map(r -> new AuditTarget(TargetType.REQUEST, r.requestId())).toList());
            for (DataSubjectRequest r : page.items()) {
                if (policy.reminderDue(r, now)) {
                    remind(r, now).ifPresent(reminded::add);
                } else if (policy.abandoned(r, now)) {
                    close(r, now).ifPresent(closed::add);
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return new Done(reminded, closed);
    }

    /** The reminder: the fresh link's hash replaces the first (which stops working), then the mail. */
    private Optional<String> remind(DataSubjectRequest r, Instant now) {
        Optional<DataSubjectRequest> current = requests.find(r.requestId()).filter(c -> policy.reminderDue(c, now));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        VerificationToken token = VerificationToken.issue(r.requestId());
        DataSubjectRequest stored;
        try {
            // audit first (a crash after it repeats an item, never loses one), then the conditional write
            audit.record(SYSTEM, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, r.requestId()));
            stored = requests.update(RequestLifecycle.remind(current.get(), token, now));
        } catch (StaleVersionException raced) {
            return Optional.empty();
        }
        // after the write: a reminder is sent at most once, whatever happens to this run afterwards
        mailer.send(mails.verificationReminder(stored, RequestMails.verificationLink(publicBaseUrl, token),
                policy.closesAt(stored).orElse(now)));
        return Optional.of(r.requestId());
    }

    /** Closed UNVERIFIED: it leaves the deadline summary, and its retention clock starts. */
    private Optional<String> close(DataSubjectRequest r, Instant now) {
        Optional<DataSubjectRequest> current = requests.find(r.requestId()).filter(c -> policy.abandoned(c, now));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        try {
            audit.record(SYSTEM, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, r.requestId()));
            requests.update(RequestLifecycle.abandon(current.get(), now));
        } catch (StaleVersionException raced) {
            return Optional.empty();
        }
        return Optional.of(r.requestId());
    }
}
