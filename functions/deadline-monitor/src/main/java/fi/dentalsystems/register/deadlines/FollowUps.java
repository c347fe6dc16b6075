package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What follows closed requests (issue 15), once a day: an export link that expired unopened is
 * recorded on its request (EXPORT_EXPIRED; staff may then send a fresh one), and the letters of
 * closed requests whose originals are not recorded as shredded 30 days after closing are listed
 * for the summary (seed §9: manual material is shredded). Both read only the matching closed
 * requests (filtered index queries), and every request read or written is audited.
 */
final class FollowUps {
    private static final AuditLog.Access SYSTEM = new AuditLog.Access(new Caller("deadline-monitor", Set.of()),
            "schedule", "-", Purpose.ADMINISTRATION.code());

    private final RequestRepository requests;
    private final AuditLog audit;

    FollowUps(RequestRepository requests, AuditLog audit) {
        this.requests = requests;
        this.audit = audit;
    }

    /** Records each lapsed link once; a request changed meanwhile (a resend, say) is left to the next run. */
    List<String> recordLapsedExportLinks(Instant now) {
        List<DataSubjectRequest> lapsed = requests.lapsedExportLinks(now);
        List<String> recorded = new ArrayList<>();
        for (DataSubjectRequest r : lapsed) {
            if (!RequestLifecycle.exportLinkLapsed(r, now)) {
                continue;
            }
            try {
                // audit first (a crash after it repeats an item, never loses one), then the conditional write
                audit.record(SYSTEM, AuditAction.UPDATE, target(r));
                requests.update(RequestLifecycle.exportExpired(r, now));
                recorded.add(r.requestId());
            } catch (StaleVersionException raced) {
                // the index lagged or staff acted: the next run looks again
            }
        }
        return recorded;
    }

    /** Ids of closed LETTER requests whose original still waits for shredding, oldest id first. */
    List<String> lettersToShred(Instant now) {
        List<DataSubjectRequest> letters = requests.closedLetters();
        if (!letters.isEmpty()) {
            audit.record(SYSTEM, AuditAction.READ, letters.stream().map(FollowUps::target).toList());
        }
        return letters.stream().filter(r -> RequestLifecycle.letterAwaitsShredding(r, now))
                .map(DataSubjectRequest::requestId).sorted().toList();
    }

    private static AuditTarget target(DataSubjectRequest r) {
        return new AuditTarget(TargetType.REQUEST, r.requestId());
    }
}
