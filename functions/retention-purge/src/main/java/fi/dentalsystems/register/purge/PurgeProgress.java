package fi.dentalsystems.register.purge;

import java.time.LocalDate;

/** Told after every batch of a run: the local command prints a progress line from it. */
public interface PurgeProgress {
    void batch(long batches, long deleted, String table, LocalDate day);

    static PurgeProgress none() {
        return (batches, deleted, table, day) -> { };
    }
}
