package fi.dentalsystems.register.watch;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What could be stuck without anyone failing loudly: raw mail the intake never finished (a lost
 * notification, an event still retrying), and parked mail — an UNCLASSIFIED request with the reason it
 * was parked — that no staff member has looked at for a day, while its one-month deadline runs.
 * Ages and counts only; the alarms (template: UnprocessedMailAlarm, ParkedMailAlarm) watch them.
 */
final class IntakeWatch {
    static final Duration PARKED_TOO_LONG = Duration.ofDays(1);
    private static final Instant FAR = Instant.parse("9999-12-31T00:00:00Z");

    record Report(long oldestUnprocessedSeconds, int parkedOlderThanADay) {
    }

    private final RawMailListing inbound;
    private final RequestRepository requests;

    IntakeWatch(RawMailListing inbound, RequestRepository requests) {
        this.inbound = inbound;
        this.requests = requests;
    }

    Report run(Instant now) {
        long age = inbound.oldestUnprocessed().map(t -> Math.max(0, Duration.between(t, now).toSeconds())).orElse(0L);
        int parked = 0;
        Optional<String> cursor = Optional.empty();
        do {
            // parked mail stays RECEIVED (no link was sent); the index holds it by deadline
            Page<DataSubjectRequest> page = requests.byStatusDueBefore(RequestStatus.RECEIVED, FAR, 100, cursor);
            for (DataSubjectRequest r : page.items()) {
                if (r.intake().containsKey("parked") && r.receivedAt().isBefore(now.minus(PARKED_TOO_LONG))) {
                    parked++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return new Report(age, parked);
    }
}
