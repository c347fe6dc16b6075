package fi.dentalsystems.register.core.retention;

/** The kinds of data the register keeps, each with its own retention rule (DESIGN.md, Retention defaults). */
public enum DataCategory {
    CONTACT,
    HISTORY_ENTRY,
    CREDENTIAL,
    CUSTOMER,
    RAW_INBOUND_MAIL,
    VERIFICATION_TOKEN,
    /** What a closed request holds beyond the evidence: name, details, corrections, notes, intake facts, the address. */
    REQUEST_CONTENT,
    /** A closed request as evidence (minimised): kept for accountability. */
    CLOSED_REQUEST,
    AUDIT_ENTRY,
    SUPPRESSION_ENTRY,
    /** What an erasure removed, by id and the address's peppered hash: re-applied after a restore (decision 0017). */
    ERASURE_LEDGER_ENTRY
}
