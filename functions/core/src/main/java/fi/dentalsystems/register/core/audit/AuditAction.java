package fi.dentalsystems.register.core.audit;

/** What was done to personal data. */
public enum AuditAction {
    READ,
    CREATE,
    UPDATE,
    DELETE
}
