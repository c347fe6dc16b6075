package fi.dentalsystems.register.core.audit;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.PageCursor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only log of every read and write of personal data. A request's answer is
 * only sent after its audit items are stored: no access goes unrecorded.
 */
public final class AuditLog {
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;
    private static final RetentionPolicy RETENTION = RetentionPolicy.defaults();

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<AuditItem> table;
    private final DynamoDbIndex<AuditItem> byTarget;
    private final Clock clock;

    public AuditLog(DynamoDbEnhancedClient client, String tableName, Clock clock) {
        this.client = client;
        this.table = client.table(tableName, AuditItem.SCHEMA);
        this.byTarget = table.index(AuditItem.BY_TARGET);
        this.clock = clock;
    }

    /** The context shared by every entry one API call writes. */
    public record Access(Caller caller, String route, String requestId, String purpose) {
    }

    public void record(Access access, AuditAction action, AuditTarget target) {
        record(access, action, List.of(target));
    }

    public void record(Access access, AuditAction action, List<AuditTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<AuditItem> items = new ArrayList<>(targets.size());
        for (AuditTarget target : targets) {
            items.add(toItem(access, action, target, now));
        }
        if (items.size() == 1) {
            table.putItem(items.get(0));
            return;
        }
        for (int from = 0; from < items.size(); from += BATCH) {
            writeBatch(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
    }

    /** A job's report (the purge's): one entry whose details are counts, ids and numbers only. */
    public void recordReport(Access access, AuditAction action, AuditTarget target, Map<String, Long> details) {
        AuditItem item = toItem(access, action, target, clock.instant());
        item.setDetails(new java.util.TreeMap<>(details));
        table.putItem(item);
    }

    private void writeBatch(List<AuditItem> items) {
        List<AuditItem> pending = items;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            WriteBatch.Builder<AuditItem> batch = WriteBatch.builder(AuditItem.class).mappedTableResource(table);
            pending.forEach(batch::addPutItem);
            BatchWriteResult result = client.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                    .addWriteBatch(batch.build()).build());
            pending = result.unprocessedPutItemsForTable(table);
            if (!pending.isEmpty()) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("audit items left unprocessed after " + attempt + " attempts");
                }
                sleepQuietly(Math.min(1000L, 25L << attempt));
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing audit items", e);
        }
    }

    private AuditItem toItem(Access access, AuditAction action, AuditTarget target, Instant now) {
        AuditItem item = new AuditItem();
        item.setDay(Timestamps.day(now));
        item.setTsId(Timestamps.sortable(now) + "#" + Ulid.next(now));
        item.setTargetId(target.id());
        item.setTargetType(target.type().name());
        item.setAction(action.name());
        item.setActorId(access.caller().subject());
        item.setActorGroup(access.caller().highest().map(Enum::name).orElse("NONE"));
        // a processor's access names the processor it acted for (GDPR art. 28(3)(h), 30(2))
        access.caller().processor().ifPresent(p -> item.setProcessorId(p.id()));
        item.setPurpose(access.purpose());
        item.setRoute(access.route());
        item.setRequestId(access.requestId());
        item.setOccurredAt(Timestamps.sortable(now));
        Instant purgeAt = RETENTION.purgeAt(DataCategory.AUDIT_ENTRY, now).orElseThrow();
        item.setPurgeAt(purgeAt.getEpochSecond());
        item.setPurgeBucket(RetentionPolicy.bucket(purgeAt));
        return item;
    }

    /** Newest first. */
    public Page<AuditEntry> forTarget(String targetId, int limit, Optional<String> cursor) {
        Optional<Map<String, AttributeValue>> start = PageCursor.decode(cursor,
                Set.of("day", "tsId", "targetId"), Map.of("targetId", targetId));
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(targetId).build()))
                .scanIndexForward(false)
                .limit(limit);
        start.ifPresent(query::exclusiveStartKey);
        var page = byTarget.query(query.build()).iterator().next();
        List<AuditEntry> entries = page.items().stream().map(AuditLog::toEntry).toList();
        return new Page<>(entries, PageCursor.encode(page.lastEvaluatedKey()));
    }

    private static AuditEntry toEntry(AuditItem item) {
        String tsId = item.getTsId();
        return new AuditEntry(tsId.substring(tsId.indexOf('#') + 1), Instant.parse(item.getOccurredAt()),
                AuditAction.valueOf(item.getAction()),
                new AuditTarget(TargetType.valueOf(item.getTargetType()), item.getTargetId()),
                item.getActorId(), item.getActorGroup(), Optional.ofNullable(item.getProcessorId()), item.getPurpose(),
                item.getRoute(), item.getRequestId(), item.getDetails() == null ? Map.of() : item.getDetails());
    }
}
