package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.ContactItem;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.HistoryItem;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.store.RequestItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables the purge reads, in the order it reads them, with the category each one's items
 * belong to and their key attributes. Parents come first: a purged customer takes what hangs
 * under it, so its contacts' own turn finds less to do.
 */
enum PurgeTable {
    CUSTOMERS(RegisterTable.CUSTOMERS, DataCategory.CUSTOMER, List.of(CustomerItem.CUSTOMER_ID)),
    CONTACTS(RegisterTable.CONTACTS, DataCategory.CONTACT, List.of(ContactItem.CONTACT_ID)),
    CREDENTIALS(RegisterTable.CREDENTIALS, DataCategory.CREDENTIAL,
            List.of(CredentialItem.CONTACT_ID, CredentialItem.SERVICE)),
    HISTORY(RegisterTable.HISTORY, DataCategory.HISTORY_ENTRY, List.of(HistoryItem.CUSTOMER_ID, HistoryItem.ENTRY_KEY)),
    REQUESTS(RegisterTable.REQUESTS, DataCategory.CLOSED_REQUEST, List.of(RequestItem.REQUEST_ID)),
    AUDIT(RegisterTable.AUDIT, DataCategory.AUDIT_ENTRY, List.of(AuditItem.DAY, AuditItem.TS_ID));

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

    /** The key of one of this table's items (or of an index entry that projects it). */
    Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        keyAttributes.forEach(a -> key.put(a, item.get(a)));
        return key;
    }
}
