package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.retention.DataCategory;

import java.util.List;

/**
 * The tables the purge reads, in the order it reads them, with the category each one's items
 * belong to and their key attributes. Parents come first: a purged customer takes what hangs
 * under it, so its contacts' own turn finds less to do.
 */
enum PurgeTable {
    CUSTOMERS(RegisterTable.CUSTOMERS, DataCategory.CUSTOMER, List.of("customerId")),
    CONTACTS(RegisterTable.CONTACTS, DataCategory.CONTACT, List.of("contactId")),
    CREDENTIALS(RegisterTable.CREDENTIALS, DataCategory.CREDENTIAL, List.of("contactId", "service")),
    HISTORY(RegisterTable.HISTORY, DataCategory.HISTORY_ENTRY, List.of("customerId", "entryKey")),
    REQUESTS(RegisterTable.REQUESTS, DataCategory.CLOSED_REQUEST, List.of("requestId")),
    AUDIT(RegisterTable.AUDIT, DataCategory.AUDIT_ENTRY, List.of("day", "tsId"));

    private final RegisterTable table;
    private final DataCategory category;
    private final List<String> keyAttributes;

    PurgeTable(RegisterTable table, DataCategory category, List<String> keyAttributes) {
        this.table = table;
        this.category = category;
        this.keyAttributes = keyAttributes;
    }

    RegisterTable table() {
        return table;
    }

    DataCategory category() {
        return category;
    }

    List<String> keyAttributes() {
        return keyAttributes;
    }

    String partitionKey() {
        return keyAttributes.get(0);
    }
}
