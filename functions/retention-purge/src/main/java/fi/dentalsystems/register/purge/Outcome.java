package fi.dentalsystems.register.purge;

/** What happened to one item the purge tried to delete. */
enum Outcome {
    /** deleted by this run (a dry run: would be) */
    DELETED,
    /** a closed request at its first clock: its content deleted, the evidence kept (a dry run: would be) */
    MINIMISED,
    /** kept by a legal hold on it or on what it hangs under */
    HELD,
    /** kept: its clock moved (a concurrent update extended its life) */
    KEPT,
    /** already gone: another run, or an erasure, deleted it first; not counted as ours */
    GONE,
    /** throttled past every retry: left for the next run */
    FAILED
}
