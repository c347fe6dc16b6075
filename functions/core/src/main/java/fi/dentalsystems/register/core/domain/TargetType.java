package fi.dentalsystems.register.core.domain;

/** The kind of register item an audit entry points at. */
public enum TargetType {
    CUSTOMER,
    CONTACT,
    HISTORY_ENTRY,
    CREDENTIAL,
    REQUEST,
    /** A run of the retention purge: its report (counts only) is the audit entry. */
    PURGE_RUN
}
