package fi.dentalsystems.register.core.audit;

/** The kind of register item an audit entry points at. */
public enum TargetType {
    CUSTOMER,
    CONTACT,
    HISTORY_ENTRY,
    CREDENTIAL,
    REQUEST
}
