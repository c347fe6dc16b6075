package fi.dentalsystems.register.watch;

import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Duration;
import java.time.Instant;

/**
 * What could be stuck without anyone failing loudly: raw mail the intake never finished (a lost
 * notification, an event still retrying), and parked mail — an UNCLASSIFIED request with the reason it
 * was parked — that no staff member has looked at for a day, while its one-month deadline runs.
 * Ages and counts only; the alarms (template: UnprocessedMailAlarm, ParkedMailAlarm) watch them.
 */
final class IntakeWatch {
    static final Duration PARKED_TOO_LONG = Duration.ofDays(1);

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
        // parked mail stays RECEIVED (no link was sent); counted in the index, reading no personal data (issue 14)
        int parked = requests.countParkedReceivedBefore(now.minus(PARKED_TOO_LONG));
        return new Report(age, parked);
    }
}
