package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;

import java.time.Instant;
import java.util.List;

/**
 * Open requests past their deadline and those due within the warning window, and the ids of closed
 * letters whose originals wait for shredding (issue 15). Ids and types only leave this.
 */
record DeadlineReport(Instant now, Instant window, List<DataSubjectRequest> overdue, List<DataSubjectRequest> dueSoon,
                      List<String> lettersToShred) {
    DeadlineReport {
        overdue = List.copyOf(overdue);
        dueSoon = List.copyOf(dueSoon);
        lettersToShred = List.copyOf(lettersToShred);
    }

    DeadlineReport(Instant now, Instant window, List<DataSubjectRequest> overdue, List<DataSubjectRequest> dueSoon) {
        this(now, window, overdue, dueSoon, List.of());
    }

    boolean isEmpty() {
        return overdue.isEmpty() && dueSoon.isEmpty() && lettersToShred.isEmpty();
    }
}
