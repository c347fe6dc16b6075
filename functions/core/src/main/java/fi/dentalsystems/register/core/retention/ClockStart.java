package fi.dentalsystems.register.core.retention;

/** The event that starts a retention clock. */
public enum ClockStart {
    WRITTEN,
    OCCURRED,
    RELATIONSHIP_ENDED,
    REQUEST_CLOSED,
    LAST_USED,
    /** Never: kept while the reason lasts (an objection is honoured for good). */
    NEVER
}
