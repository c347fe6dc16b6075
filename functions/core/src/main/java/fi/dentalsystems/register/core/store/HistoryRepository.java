package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** History table: customer history, newest first. */
public final class HistoryRepository {
    private final DynamoDbTable<HistoryItem> table;

    public HistoryRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, HistoryItem.SCHEMA);
    }

    public HistoryEntry add(HistoryEntry entry) {
        HistoryItem item = new HistoryItem();
        item.setCustomerId(entry.customerId());
        item.setEntryKey(entryKey(entry));
        item.setEntryId(entry.entryId());
        item.setOccurredAt(entry.occurredAt().toString());
        item.setChannel(entry.channel().name());
        item.setSummary(entry.summary());
        item.setContactId(entry.contactId().orElse(null));
        item.setSource(entry.source().name());
        item.setRecordedBy(entry.recordedBy());
        item.setCreatedAt(entry.createdAt().toString());
        Retention.apply(fi.dentalsystems.register.core.retention.DataCategory.HISTORY_ENTRY,
                Optional.of(entry.occurredAt()), entry.createdAt(), (at, bucket) -> {
                    item.setPurgeAt(at);
                    item.setPurgeBucket(bucket);
                });
        // never overwrite an entry: history is appended, not edited
        table.putItem(PutItemEnhancedRequest.builder(HistoryItem.class).item(item)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(entryKey)").build())
                .build());
        return entry;
    }

    public Page<HistoryEntry> ofCustomer(String customerId, int limit, Optional<String> cursor) {
        Optional<Map<String, AttributeValue>> start = PageCursor.decode(cursor, Set.of("customerId", "entryKey"),
                Map.of("customerId", customerId));
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(customerId).build()))
                .scanIndexForward(false)
                .limit(limit);
        start.ifPresent(query::exclusiveStartKey);
        var page = table.query(query.build()).iterator().next();
        List<HistoryEntry> entries = page.items().stream().map(HistoryRepository::toEntry).toList();
        return new Page<>(entries, entries.size() < limit ? Optional.empty() : PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** The entry of the customer with that id (a query over the customer's entries: its key starts with the time). */
    public Optional<HistoryEntry> find(String customerId, String entryId) {
        return item(customerId, entryId).map(HistoryRepository::toEntry);
    }

    /**
     * Writes a corrected entry (GDPR art. 16: a rectification, the only edit history allows). Its key
     * and retention clock stay those of the entry; only the summary and channel change. Empty when
     * the entry is gone.
     */
    public Optional<HistoryEntry> correct(HistoryEntry corrected) {
        Optional<HistoryItem> found = item(corrected.customerId(), corrected.entryId());
        found.ifPresent(item -> {
            item.setSummary(corrected.summary());
            item.setChannel(corrected.channel().name());
            table.putItem(PutItemEnhancedRequest.builder(HistoryItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_exists(entryKey)").build())
                    .build());
        });
        return found.map(HistoryRepository::toEntry);
    }

    private Optional<HistoryItem> item(String customerId, String entryId) {
        Expression ofEntry = Expression.builder().expression("entryId = :e")
                .putExpressionValue(":e", AttributeValue.builder().s(entryId).build()).build();
        for (var page : table.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(customerId).build()))
                .filterExpression(ofEntry).build())) {
            if (!page.items().isEmpty()) {
                return Optional.of(page.items().get(0));
            }
        }
        return Optional.empty();
    }

    /** Every entry linked to the contact, through byContact. */
    public List<HistoryEntry> aboutContact(String contactId) {
        List<HistoryEntry> entries = new java.util.ArrayList<>();
        table.index(HistoryItem.BY_CONTACT).query(QueryConditional.keyEqualTo(Key.builder().partitionValue(contactId).build()))
                .forEach(page -> page.items().forEach(i -> entries.add(toEntry(i))));
        return entries;
    }

    /** Deletes the customer's entry with that id; true when there was one (a re-applied erasure, decision 0017). */
    public boolean delete(String customerId, String entryId) {
        Optional<HistoryItem> found = item(customerId, entryId);
        found.ifPresent(i -> table.deleteItem(Key.builder().partitionValue(i.getCustomerId()).sortValue(i.getEntryKey())
                .build()));
        return found.isPresent();
    }

    /** Deletes every entry linked to the contact (found through byContact); returns their ids. Re-runnable. */
    public List<String> deleteAllAbout(String contactId) {
        List<String> deleted = new java.util.ArrayList<>();
        table.index(HistoryItem.BY_CONTACT).query(QueryConditional.keyEqualTo(Key.builder().partitionValue(contactId).build()))
                .forEach(page -> page.items().forEach(i -> {
                    table.deleteItem(Key.builder().partitionValue(i.getCustomerId()).sortValue(i.getEntryKey()).build());
                    deleted.add(i.getEntryId());
                }));
        return deleted;
    }

    private static String entryKey(HistoryEntry entry) {
        return Timestamps.sortable(entry.occurredAt()) + "#" + entry.entryId();
    }

    private static HistoryEntry toEntry(HistoryItem i) {
        return new HistoryEntry(i.getCustomerId(), i.getEntryId(), Instant.parse(i.getOccurredAt()),
                HistoryChannel.valueOf(i.getChannel()), i.getSummary(), Optional.ofNullable(i.getContactId()),
                DataSource.valueOf(i.getSource()), i.getRecordedBy(), Instant.parse(i.getCreatedAt()));
    }
}
