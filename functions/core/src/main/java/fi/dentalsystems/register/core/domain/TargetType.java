package fi.dentalsystems.register.core.domain;

/** The kind of register item an audit entry points at. */
public enum TargetType {
    CUSTOMER,
    CONTACT,
    HISTORY_ENTRY,
    CREDENTIAL,
    REQUEST,
    /** A run of the retention purge: its report (counts only) is the audit entry. */
    PURGE_RUN,
    /** A run of reapply-erasures after a restore (decision 0017): its report (counts only) is the audit entry. */
    ERASURE_REAPPLY_RUN
}
