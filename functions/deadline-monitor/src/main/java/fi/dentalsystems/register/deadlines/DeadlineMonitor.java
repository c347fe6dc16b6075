package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestDeadline;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds open requests due within seven days, or overdue, through the byStatusDue index (one
 * query per open status, never a scan), mails the register's contact person (seed §2) a
 * summary of request ids, types, states and dates, and reports the counts as metrics.
 */
final class DeadlineMonitor {
    static final Duration WARNING = Duration.ofDays(7);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.uuuu HH:mm").withZone(RequestDeadline.HELSINKI);

    /** Where the counts go: Powertools metrics in Lambda. */
    interface Counts {
        void record(int overdue, int dueSoon);
    }

    /** The summary's reads: the register's own job, keeping the deadlines of GDPR art. 12(3). */
    private static final AuditLog.Access SUMMARY = new AuditLog.Access(new Caller("deadline-monitor", Set.of()),
            "schedule: deadline summary", "-", Purpose.ADMINISTRATION.code());

    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Counts counts;
    private final String contactPerson;

    DeadlineMonitor(RequestRepository requests, AuditLog audit, Mailer mailer, Counts counts, String contactPerson) {
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
        this.counts = counts;
        this.contactPerson = contactPerson;
    }

    DeadlineReport run(Instant now) {
        return run(now, List.of());
    }

    /** With the closed letters whose originals wait for shredding (FollowUps), listed by id in the summary. */
    DeadlineReport run(Instant now, List<String> lettersToShred) {
        Instant window = now.plus(WARNING);
        List<DataSubjectRequest> overdue = new ArrayList<>();
        List<DataSubjectRequest> dueSoon = new ArrayList<>();
        for (RequestStatus status : RequestStatus.open()) {
            Optional<String> cursor = Optional.empty();
            do {
                Page<DataSubjectRequest> page = requests.byStatusDueBefore(status, window, 100, cursor);
                // one READ entry per request the summary lists (issue 14): the index holds only open requests
                // due within the window, tens a day, so the audit costs a put per listed request and no more
                audit.record(SUMMARY, AuditAction.READ, page.items().stream()
                        .map(r -> new AuditTarget(TargetType.REQUEST, r.requestId())).toList());
                for (DataSubjectRequest r : page.items()) {
                    (r.dueAt().isBefore(now) ? overdue : dueSoon).add(r);
                }
                cursor = page.nextCursor();
            } while (cursor.isPresent());
        }
        overdue.sort(Comparator.comparing(DataSubjectRequest::dueAt));
        dueSoon.sort(Comparator.comparing(DataSubjectRequest::dueAt));
        DeadlineReport report = new DeadlineReport(now, window, overdue, dueSoon, lettersToShred);
        counts.record(overdue.size(), dueSoon.size());
        if (!report.isEmpty()) {
            mailer.send(summary(report));
        }
        return report;
    }

    /** Ids, types, states and dates: enough to act on, nothing about the person. */
    Mail summary(DeadlineReport report) {
        StringBuilder text = new StringBuilder("Tietosuojapyyntöjen määräajat / Data-subject request deadlines\n\n");
        section(text, "MYÖHÄSSÄ / OVERDUE", report.overdue());
        section(text, "ERÄÄNTYY 7 PÄIVÄN SISÄLLÄ / DUE WITHIN 7 DAYS", report.dueSoon());
        if (!report.lettersToShred().isEmpty()) {
            // seed §9: manual material is shredded; ids only (the place is on the request)
            text.append("KIRJEET SILPPUAMATTA YLI 30 PV SULKEMISESTA / LETTERS NOT SHREDDED 30 DAYS AFTER CLOSING (")
                    .append(report.lettersToShred().size()).append(")\n");
            report.lettersToShred().forEach(id -> text.append("  ").append(id).append('\n'));
            text.append("Kirjaa silppuaminen / record the shredding: POST /requests/{requestId}/letter/destroyed\n\n");
        }
        text.append("Avaa pyynnöt rekisterin henkilöstörajapinnasta: GET /requests/{requestId}\n");
        return new Mail(contactPerson, "Tietosuojapyynnöt: " + report.overdue().size() + " myöhässä, "
                + report.dueSoon().size() + " erääntyy pian", text.toString());
    }

    private static void section(StringBuilder text, String title, List<DataSubjectRequest> items) {
        text.append(title).append(" (").append(items.size()).append(")\n");
        for (DataSubjectRequest r : items) {
            text.append("  ").append(r.requestId()).append("  ").append(r.type()).append("  ").append(r.status())
                    .append("  ").append(DATE.format(r.dueAt())).append('\n');
        }
        text.append('\n');
    }
}
