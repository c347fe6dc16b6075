package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;

import java.time.Instant;
import java.util.List;

/** Open requests past their deadline and those due within the warning window. Ids and types only leave this. */
record DeadlineReport(Instant now, Instant window, List<DataSubjectRequest> overdue, List<DataSubjectRequest> dueSoon) {
    DeadlineReport {
        overdue = List.copyOf(overdue);
        dueSoon = List.copyOf(dueSoon);
    }

    boolean isEmpty() {
        return overdue.isEmpty() && dueSoon.isEmpty();
    }
}
