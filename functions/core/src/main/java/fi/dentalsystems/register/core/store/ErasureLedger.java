package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.ErasureLedgerEntry;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The erasure ledger (decision 0017): its own table, never restored together with the personal
 * tables, so an entry newer than a restore point survives the restore. One item per erasure
 * request; writes add to its id sets (DynamoDB ADD), so a re-run of an interrupted erasure, which
 * finds less left to erase, only ever adds: the entry is written before anything is deleted. The
 * item expires by DynamoDB's TTL ({@value #EXPIRES_AT}) when no backup can hold the person any more,
 * with a margin ({@link RetentionPolicy}, {@link DataCategory#ERASURE_LEDGER_ENTRY}).
 */
public final class ErasureLedger {
    public static final String REQUEST_ID = "requestId";
    public static final String ERASED_AT = "erasedAt";
    public static final String ADDRESS_HASH = "addressHash";
    public static final String CONTACT_IDS = "contactIds";
    public static final String HISTORY_ENTRIES = "historyEntries";
    public static final String CREDENTIALS = "credentials";
    public static final String HELD_CONTACT_IDS = "heldContactIds";
    public static final String RESTRICTED_CUSTOMER_IDS = "restrictedCustomerIds";
    public static final String MINIMISED_REQUEST_IDS = "minimisedRequestIds";
    /** Epoch seconds after which DynamoDB's time to live removes the entry. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Every attribute an entry holds (StoredAttributes declares each). */
    public static final List<String> ATTRIBUTES = List.of(REQUEST_ID, ERASED_AT, ADDRESS_HASH, CONTACT_IDS,
            HISTORY_ENTRIES, CREDENTIALS, HELD_CONTACT_IDS, RESTRICTED_CUSTOMER_IDS, MINIMISED_REQUEST_IDS, EXPIRES_AT);
    private static final RetentionPolicy RETENTION = RetentionPolicy.defaults();

    private final DynamoDbClient client;
    private final String tableName;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The DynamoDB client is the shared engine every store is built on, passed on purpose")
    public ErasureLedger(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * Adds what an erasure is about to remove to its entry (creating it at its first write: the time
     * and hash of the first write stay). One UpdateItem; re-runnable.
     */
    public void add(ErasureLedgerEntry entry) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #at = if_not_exists(#at, :at), #hash = if_not_exists(#hash, :hash), "
                + "#exp = if_not_exists(#exp, :exp)");
        names.put("#at", ERASED_AT);
        names.put("#hash", ADDRESS_HASH);
        names.put("#exp", EXPIRES_AT);
        values.put(":at", AttributeValue.fromS(Timestamps.sortable(entry.erasedAt())));
        values.put(":hash", AttributeValue.fromS(entry.addressHash()));
        Instant expires = RETENTION.purgeAt(DataCategory.ERASURE_LEDGER_ENTRY, entry.erasedAt()).orElseThrow();
        values.put(":exp", AttributeValue.fromN(Long.toString(expires.getEpochSecond())));
        List<String> adds = new ArrayList<>();
        addSet(adds, names, values, CONTACT_IDS, entry.contactIds());
        addSet(adds, names, values, HISTORY_ENTRIES, entry.historyEntries());
        addSet(adds, names, values, CREDENTIALS, entry.credentials());
        addSet(adds, names, values, HELD_CONTACT_IDS, entry.heldContactIds());
        addSet(adds, names, values, RESTRICTED_CUSTOMER_IDS, entry.restrictedCustomerIds());
        addSet(adds, names, values, MINIMISED_REQUEST_IDS, entry.minimisedRequestIds());
        String expression = set + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        client.updateItem(r -> r.tableName(tableName)
                .key(Map.of(REQUEST_ID, AttributeValue.fromS(entry.requestId())))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static void addSet(List<String> adds, Map<String, String> names, Map<String, AttributeValue> values,
                               String attribute, Set<String> ids) {
        if (ids.isEmpty()) {
            return; // DynamoDB has no empty sets
        }
        String n = "#" + attribute;
        String v = ":" + attribute;
        names.put(n, attribute);
        values.put(v, AttributeValue.fromSs(List.copyOf(ids)));
        adds.add(n + " " + v);
    }

    /**
     * Every entry of an erasure at or after {@code since}, oldest first. A scan: the ledger holds
     * only the erasures of its retention period (a few months), and it is read only after a restore.
     */
    public List<ErasureLedgerEntry> since(Instant since) {
        List<ErasureLedgerEntry> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(tableName)
                    .filterExpression("#at >= :since").expressionAttributeNames(Map.of("#at", ERASED_AT))
                    .expressionAttributeValues(Map.of(":since", AttributeValue.fromS(Timestamps.sortable(since))));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(scan.build());
            page.items().forEach(i -> found.add(toEntry(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        // fixed-width UTC times (Timestamps.sortable) compare as strings; sorted by time for the report
        found.sort(Comparator.comparing(ErasureLedgerEntry::erasedAt).thenComparing(ErasureLedgerEntry::requestId));
        return found;
    }

    private static ErasureLedgerEntry toEntry(Map<String, AttributeValue> item) {
        return new ErasureLedgerEntry(item.get(REQUEST_ID).s(), Instant.parse(item.get(ERASED_AT).s()),
                item.get(ADDRESS_HASH).s(), ids(item, CONTACT_IDS), ids(item, HISTORY_ENTRIES), ids(item, CREDENTIALS),
                ids(item, HELD_CONTACT_IDS), ids(item, RESTRICTED_CUSTOMER_IDS), ids(item, MINIMISED_REQUEST_IDS));
    }

    private static Set<String> ids(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }
}
