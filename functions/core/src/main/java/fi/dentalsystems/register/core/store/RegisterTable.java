package fi.dentalsystems.register.core.store;

/**
 * The register's DynamoDB tables: each one's logical id in template.yaml and the environment
 * variable through which a function learns its deployed name. The template test checks that
 * this list and the template's tables are the same.
 */
public enum RegisterTable {
    CUSTOMERS("CustomersTable", "CUSTOMERS_TABLE"),
    CONTACTS("ContactsTable", "CONTACTS_TABLE"),
    HISTORY("HistoryTable", "HISTORY_TABLE"),
    CREDENTIALS("CredentialsTable", "CREDENTIALS_TABLE"),
    AUDIT("AuditTable", "AUDIT_TABLE"),
    REQUESTS("RequestsTable", "REQUESTS_TABLE"),
    SUPPRESSION("SuppressionTable", "SUPPRESSION_TABLE"),
    /** Checkpoints of the scheduled jobs (the purge's): ids, days and counts, no personal data. */
    JOBS("JobsTable", "JOBS_TABLE"),
    /**
     * What each erasure removed (ids and the address's peppered hash), outside the personal tables so
     * that restoring them never restores it (decision 0017).
     */
    ERASURE_LEDGER("ErasureLedgerTable", "ERASURE_LEDGER_TABLE");

    private final String logicalId;
    private final String environmentVariable;

    RegisterTable(String logicalId, String environmentVariable) {
        this.logicalId = logicalId;
        this.environmentVariable = environmentVariable;
    }

    public String logicalId() {
        return logicalId;
    }

    public String environmentVariable() {
        return environmentVariable;
    }
}
