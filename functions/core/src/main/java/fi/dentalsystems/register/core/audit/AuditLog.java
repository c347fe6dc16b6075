package fi.dentalsystems.register.core.audit;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Timestamps;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.AuditAnchorItem;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.PageCursor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The append-only log of every read and write of personal data. A request's answer is
 * only sent after its audit items are stored: no access goes unrecorded.
 *
 * <p>Tamper evidence without an extra call per request (decision 0012): each function instance
 * writes its own chain — a chain id made on its first entry (after a SnapStart restore, never
 * in the snapshot), a sequence and the previous entry's hash kept in memory — and every entry's
 * hash covers its content and the previous hash. The chain's head is anchored (an item under
 * {@code anchors#<day>}) on the chain's first entry, then whenever five minutes of the clock have
 * passed since the last anchor, and at shutdown where the runtime allows ({@link #anchorHead}); the
 * daily digest copies the anchors to the Object Lock bucket. Every write is a conditional put
 * ({@code attribute_not_exists}): the log never overwrites an entry.
 */
public final class AuditLog {
    /** An anchor at least every five minutes of a chain's activity (issue 14). */
    public static final java.time.Duration ANCHOR_EVERY = java.time.Duration.ofMinutes(5);
    private static final RetentionPolicy RETENTION = RetentionPolicy.defaults();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditLog.class);
    private static final software.amazon.awssdk.enhanced.dynamodb.Expression NEW_ITEM =
            software.amazon.awssdk.enhanced.dynamodb.Expression.builder()
                    .expression("attribute_not_exists(#d)").putExpressionName("#d", AuditItem.DAY).build();

    /**
     * One access that reads this many records or more (an access export: thousands of history entries) is
     * written by {@link #LANES} chains at once, each a chain of its own as a writer's is: sequential puts of
     * ~5 ms each would otherwise outlast the function's timeout (issue 17, decision 0012). Four keep the
     * day's partition (every entry of a day shares it) under DynamoDB's 1,000 writes a second per key.
     */
    static final int LANES_FROM = 100;
    static final int LANES = 4;

    private final DynamoDbTable<AuditItem> table;
    private final DynamoDbTable<AuditAnchorItem> anchors;
    private final DynamoDbIndex<AuditItem> byTarget;
    private final Clock clock;
    private final Object chainLock = new Object();
    private Chain chain;
    private ExecutorService lanes;

    public AuditLog(DynamoDbEnhancedClient client, String tableName, Clock clock) {
        this.table = client.table(tableName, AuditItem.SCHEMA);
        this.anchors = client.table(tableName, AuditAnchorItem.SCHEMA);
        this.byTarget = table.index(AuditItem.BY_TARGET);
        this.clock = clock;
    }

    /** The context shared by every entry one API call writes. */
    public record Access(Caller caller, String route, String requestId, String purpose) {
    }

    /** One writer's chain: where its head is and when it was last anchored. */
    private static final class Chain {
        final String chainId;
        long seq;
        String headEntryId = "";
        String headHash = "";
        long anchoredSeq;
        Instant anchoredAt;

        Chain(String chainId) {
            this.chainId = chainId;
        }
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
        if (items.size() >= LANES_FROM) {
            appendInLanes(items, now);
        } else {
            append(items, now);
        }
    }

    /**
     * A job's report (the purge's), or its list of the ids it deleted: one entry whose details are counts,
     * ids and numbers only. Answers the capacity units its write consumed (the job reports its cost).
     */
    public double recordReport(Access access, AuditAction action, AuditTarget target, Map<String, Long> details) {
        Instant now = clock.instant();
        AuditItem item = toItem(access, action, target, now);
        item.setDetails(new java.util.TreeMap<>(details));
        return append(List.of(item), now);
    }

    /**
     * Links the entries into this instance's chain and writes them in order, one conditional put
     * each (BatchWriteItem takes no condition, and can delete). A failed write ends the chain: the
     * next entry starts a new one, so a chain never has a hole its writer made.
     */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(value = "THROWS_METHOD_THROWS_RUNTIMEEXCEPTION",
            justification = "Rethrows the write's own failure after ending the chain: the caller must not answer "
                    + "a request whose audit entry was not stored")
    private double append(List<AuditItem> items, Instant now) {
        synchronized (chainLock) {
            if (chain == null) {
                chain = new Chain(Ulid.next(now));
            }
            Chain c = chain;
            double units;
            try {
                units = extend(c, items);
            } catch (RuntimeException e) {
                // the head is anchored as far as it was written; the next entry opens a new chain
                anchorQuietly(c, now);
                chain = null;
                throw e;
            }
            if (c.anchoredAt == null || !now.isBefore(c.anchoredAt.plus(ANCHOR_EVERY))) {
                anchorQuietly(c, now);
            }
            return units;
        }
    }

    /** Links {@code items} onto {@code c} and puts them in order; the chain's head moves with each stored put. */
    private double extend(Chain c, List<AuditItem> items) {
        long seq = c.seq;
        String prevId = c.headEntryId;
        String prevHash = c.headHash;
        double units = 0;
        for (AuditItem item : items) {
            item.setChainId(c.chainId);
            item.setSeq(++seq);
            item.setPrevEntryId(prevId);
            item.setPrevHash(prevHash);
            item.setHash(AuditHash.of(item));
            units += putNew(item);
            prevId = AuditHash.entryId(item);
            prevHash = item.getHash();
            c.seq = seq;
            c.headEntryId = prevId;
            c.headHash = prevHash;
        }
        return units;
    }

    /**
     * The entries of one large access, in {@link #LANES} new chains written at once, each anchored when
     * it ends (or as far as it got, if a put failed). The instance's own chain is left as it was. A
     * failed lane fails the call after every lane has finished: the caller must not answer.
     */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(value = "THROWS_METHOD_THROWS_RUNTIMEEXCEPTION",
            justification = "Rethrows a lane's own write failure: the caller must not answer a request whose audit "
                    + "entries were not all stored")
    private void appendInLanes(List<AuditItem> items, Instant now) {
        int size = (items.size() + LANES - 1) / LANES;
        List<Future<?>> written = new ArrayList<>();
        ExecutorService pool = lanePool();
        for (int from = 0; from < items.size(); from += size) {
            List<AuditItem> part = items.subList(from, Math.min(items.size(), from + size));
            Chain lane = new Chain(Ulid.next(now));
            written.add(pool.submit(() -> {
                try {
                    extend(lane, part);
                } finally {
                    anchorQuietly(lane, now);
                }
            }));
        }
        RuntimeException failure = null;
        for (Future<?> lane : written) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while the audit was written", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized ExecutorService lanePool() {
        if (lanes == null) {
            // daemon threads: an idle pool never keeps a JVM (a test, ./dev) from ending
            lanes = Executors.newFixedThreadPool(LANES, work -> {
                Thread t = new Thread(work, "audit-lane");
                t.setDaemon(true);
                return t;
            });
        }
        return lanes;
    }

    /** The capacity units the put consumed (0 where the engine does not say). */
    private double putNew(AuditItem item) {
        try {
            var written = table.putItemWithResponse(r -> r.item(item).conditionExpression(NEW_ITEM)
                    .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL));
            return written.consumedCapacity() == null || written.consumedCapacity().capacityUnits() == null ? 0
                    : written.consumedCapacity().capacityUnits();
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException ours) {
            // the key holds a fresh ULID: only this put's own retry (the SDK's, after a lost answer) can
            // have written it first, so the entry is there
            return 0;
        }
    }

    /**
     * Anchors this instance's chain head now if it moved since its last anchor: called at shutdown
     * where the runtime allows (decision 0012). True when an anchor was written.
     */
    public boolean anchorHead() {
        synchronized (chainLock) {
            return chain != null && anchorQuietly(chain, clock.instant());
        }
    }

    /** An anchor that cannot be written is retried on the next entry; the entries themselves are stored. */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are the chain's ULID and an exception class name")
    private boolean anchorQuietly(Chain c, Instant now) {
        if (c.seq == 0 || c.seq == c.anchoredSeq) {
            return false;
        }
        AuditAnchorItem anchor = new AuditAnchorItem();
        anchor.setDay(AuditAnchorItem.PARTITION_PREFIX + Timestamps.day(now));
        anchor.setTsId(Timestamps.sortable(now) + "#" + c.chainId + "#" + String.format("%012d", c.seq));
        anchor.setChainId(c.chainId);
        anchor.setSeq(c.seq);
        anchor.setEntryId(c.headEntryId);
        anchor.setHash(c.headHash);
        anchor.setWrittenAt(Timestamps.sortable(now));
        Instant purgeAt = RETENTION.purgeAt(DataCategory.AUDIT_ENTRY, now).orElseThrow();
        anchor.setPurgeAt(purgeAt.getEpochSecond());
        anchor.setPurgeBucket(RetentionPolicy.bucket(purgeAt));
        try {
            anchors.putItem(r -> r.item(anchor).conditionExpression(NEW_ITEM));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException ours) {
            // written by this put's own retry
        } catch (RuntimeException e) {
            LOG.warn("audit anchor not written; retried with the next entry: {} {}", c.chainId, e.getClass().getSimpleName());
            return false;
        }
        c.anchoredSeq = c.seq;
        c.anchoredAt = now;
        return true;
    }

    private AuditItem toItem(Access access, AuditAction action, AuditTarget target, Instant now) {
        AuditItem item = new AuditItem();
        item.setDay(Timestamps.day(now));
        String entryId = Ulid.next(now);
        item.setTsId(Timestamps.sortable(now) + "#" + entryId);
        item.setEntryId(entryId);
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

    /** Every entry stored under the day's partition (UTC), in key order. */
    public List<AuditItem> entriesOf(java.time.LocalDate day) {
        return partition(table, day.toString());
    }

    /** Every chain anchor written on the day (UTC), in key order. */
    public List<AuditAnchorItem> anchorsOf(java.time.LocalDate day) {
        return partition(anchors, AuditAnchorItem.PARTITION_PREFIX + day);
    }

    private static <T> List<T> partition(DynamoDbTable<T> table, String day) {
        List<T> items = new ArrayList<>();
        table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(day).build()))
                .forEach(page -> items.addAll(page.items()));
        return items;
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
