package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.LegalHolds;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The retention purge (DESIGN.md, Retention). For each table it reads only the due days of the
 * sparse keys-only {@code byPurge} index — never a Scan, so its cost follows what expires, not
 * the size of the table — in pages of 25, and deletes each item with a conditional DeleteItem
 * that re-checks, in the same write, that the item is still due and not on legal hold: a
 * concurrent update that extended its life wins. (BatchWriteItem takes no conditions; see
 * docs/decisions/0007-retention-purge.md.) Throttled deletes are retried with backoff, like a
 * batch's unprocessed items. A run that runs out of time stops between batches and parks its
 * counts in the checkpoint; the next run adopts them and continues where the index says.
 */
final class RetentionPurge {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RetentionPurge.class);
    static final int BATCH = 25;
    private static final int MAX_ROUNDS = 6;
    private static final long BACKOFF_BASE_MILLIS = 50;
    private static final long BACKOFF_CAP_MILLIS = 3_200;
    private static final String INDEX = "byPurge";
    private static final String CLAIM_PREFIX = "businessId#";
    /** A held item is looked at again at least this often: a lifted or shortened hold takes effect within it. */
    static final int RECHECK_HELD_DAYS = 7;

    /** Milliseconds the invocation has left (Lambda: {@code Context.getRemainingTimeInMillis}). */
    interface TimeLeft {
        long millis();

        static TimeLeft unlimited() {
            return () -> Long.MAX_VALUE;
        }
    }

    interface Sleeper {
        void sleep(long millis);
    }

    /** Called between reading a batch of keys from the index and deleting them (tests use the gap). */
    interface BatchRead {
        void keys(PurgeTable table, List<Map<String, AttributeValue>> keys);

        static BatchRead none() {
            return (table, keys) -> { };
        }
    }

    /** When and how a run goes: its clock, how far it may move the checkpoint, dry or not. */
    record Run(Instant now, Instant checkpointHorizon, boolean dryRun, TimeLeft timeLeft, PurgeProgress progress) {
    }

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;
    private final AuditLog audit;
    private final LocalDate firstDay;
    private final long safetyMillis;
    private final Sleeper sleeper;
    private final BatchRead batchRead;
    private final Clock wallClock;

    RetentionPurge(DynamoDbClient dynamoDb, TableNames tables, AuditLog audit, LocalDate firstDay, long safetyMillis,
                   Sleeper sleeper, BatchRead batchRead, Clock wallClock) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.audit = audit;
        this.firstDay = firstDay;
        this.safetyMillis = safetyMillis;
        this.sleeper = sleeper;
        this.batchRead = batchRead;
        this.wallClock = wallClock;
    }

    PurgeReport run(Run run) {
        long started = wallClock.millis();
        double[] bookkeeping = {0};
        PurgeCheckpoint checkpoint = new PurgeCheckpoint(dynamoDb, tables.nameOf(RegisterTable.JOBS),
                units -> bookkeeping[0] += units);
        Optional<PurgeCheckpoint.OpenRun> adopted = run.dryRun() ? Optional.empty() : checkpoint.adoptOpenRun();
        PurgeReport report = new PurgeReport(adopted.map(PurgeCheckpoint.OpenRun::runId)
                .orElseGet(() -> "pur_" + Ulid.next(run.now())), run.dryRun());
        adopted.ifPresent(o -> report.resume(o.counts()));
        Pass pass = new Pass(run, report);
        Map<PurgeTable, LocalDate> cleared = checkpoint.clearedThrough();
        LocalDate today = LocalDate.ofInstant(run.now(), RetentionPolicy.HELSINKI);
        // a day is left behind only once no writer can still put an item into it (writers clamp
        // their bucket to the day they write, Retention.bucket); yesterday stays open
        LocalDate lastClearable = min(today, LocalDate.ofInstant(run.checkpointHorizon(), RetentionPolicy.HELSINKI))
                .minusDays(2);
        boolean complete = true;
        for (PurgeTable table : PurgeTable.values()) {
            Optional<LocalDate> clean = Optional.empty();
            boolean watermarkMoves = true;
            LocalDate day = Optional.ofNullable(cleared.get(table)).map(d -> d.plusDays(1)).orElse(firstDay);
            for (; !day.isAfter(today); day = day.plusDays(1)) {
                long failedBefore = report.total(Outcome.FAILED);
                if (!pass.bucket(table, day)) {
                    complete = false;
                    break;
                }
                watermarkMoves &= report.total(Outcome.FAILED) == failedBefore && !day.isAfter(lastClearable);
                if (watermarkMoves) {
                    clean = Optional.of(day);
                }
            }
            if (!run.dryRun()) {
                clean.ifPresent(d -> checkpoint.cleared(table, d));
            }
            if (!complete) {
                break;
            }
        }
        report.addCapacity(bookkeeping[0]);
        report.finish(wallClock.millis() - started, complete);
        if (complete || run.dryRun() || !checkpoint.park(report.runId(), report.counts())) {
            audit.recordReport(new AuditLog.Access(new Caller("retention-purge", Set.of()), "schedule", report.runId(),
                            "retention"), run.dryRun() ? AuditAction.READ : AuditAction.DELETE,
                    new AuditTarget(TargetType.PURGE_RUN, report.runId()), report.counts());
        }
        return report;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** One invocation's work: the hold lookups it has made, and what a dry run has counted as gone. */
    private final class Pass {
        private final Run run;
        private final PurgeReport report;
        private final AttributeValue now;
        private final Map<String, Optional<Instant>> customerHold = new HashMap<>();
        private final Map<String, Optional<String>> contactParent = new HashMap<>();
        private final Map<String, Optional<Instant>> contactHold = new HashMap<>();
        private final Set<String> dryRunGone = new HashSet<>();
        private Map<String, AttributeValue> lastJudged;

        Pass(Run run, PurgeReport report) {
            this.run = run;
            this.report = report;
            this.now = AttributeValue.fromN(Long.toString(run.now().getEpochSecond()));
        }

        /** Purges one day's bucket of one table; false when the time ran out first. */
        boolean bucket(PurgeTable table, LocalDate day) {
            Map<String, AttributeValue> start = null;
            do {
                if (run.timeLeft().millis() < safetyMillis) {
                    return false;
                }
                QueryRequest.Builder query = QueryRequest.builder()
                        .tableName(tables.nameOf(table.table())).indexName(INDEX)
                        .keyConditionExpression("#b = :b AND #p <= :now")
                        .expressionAttributeNames(Map.of("#b", "purgeBucket", "#p", "purgeAt"))
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(day.toString()), ":now", now))
                        .limit(BATCH)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = dynamoDb.query(query.build());
                capacity(page.consumedCapacity());
                List<Map<String, AttributeValue>> keys = page.items().stream().map(i -> key(table, i)).toList();
                if (!keys.isEmpty()) {
                    batchRead.keys(table, keys);
                    batch(table, keys);
                    report.batchDone();
                    run.progress().batch(report.batches(), report.deleted(), table.name(), day);
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return true;
        }

        /** Deletes a batch; throttled items are retried with backoff, then left for the next run. */
        private void batch(PurgeTable table, List<Map<String, AttributeValue>> keys) {
            List<Map<String, AttributeValue>> pending = keys;
            for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
                if (round > 0) {
                    backoff(round);
                }
                List<Map<String, AttributeValue>> throttled = new ArrayList<>();
                for (Map<String, AttributeValue> key : pending) {
                    try {
                        report.record(table.category(), item(table, key));
                    } catch (SdkServiceException e) {
                        if (!isThrottling(e)) {
                            // one item's error (a permission, a malformed item) must not stop the purge of
                            // the others: counted as failed, its day stays open, the report and metrics show it
                            LOG.warn("purge of an item failed", entry("table", table.name()),
                                    entry("error", e.getClass().getSimpleName()), entry("status", e.statusCode()));
                            report.record(table.category(), Outcome.FAILED);
                            continue;
                        }
                        throttled.add(key);
                    }
                }
                pending = throttled;
            }
            pending.forEach(key -> report.record(table.category(), Outcome.FAILED));
        }

        /** Exponential backoff with jitter (half to the whole of the ceiling), capped. */
        private void backoff(int round) {
            long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << round);
            sleeper.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        }

        private Outcome item(PurgeTable table, Map<String, AttributeValue> key) {
            Optional<Instant> parentHold = switch (table) {
                case CONTACTS -> parentOf(key.get("contactId").s()).flatMap(this::customerHold);
                case CREDENTIALS -> contactHold(key.get("contactId").s());
                case HISTORY -> customerHold(key.get("customerId").s());
                case CUSTOMERS, REQUESTS, AUDIT -> Optional.empty();
            };
            if (parentHold.isPresent()) {
                return held(table, key, parentHold.get(), Optional.empty());
            }
            return delete(table, key, Due.ON_ITS_CLOCK, table == PurgeTable.CUSTOMERS || table == PurgeTable.CONTACTS);
        }

        /**
         * A held item moves to a later day's bucket, so the purge meets it again: the day its hold ends,
         * or in a week if that is sooner — a hold lifted or shortened meanwhile (its own or its parent's)
         * then takes effect within a week. Left where it was, it would sit in a day the checkpoint has
         * already left behind. The move is conditional on the hold the purge saw (its own), so a lift
         * racing the move wins.
         */
        private Outcome held(PurgeTable table, Map<String, AttributeValue> key, Instant holdEnds,
                             Optional<AttributeValue> ownHold) {
            if (!run.dryRun()) {
                Instant inAWeek = run.now().plus(java.time.Duration.ofDays(RECHECK_HELD_DAYS));
                String bucket = RetentionPolicy.bucket(holdEnds.isBefore(inAWeek) ? holdEnds : inAWeek);
                Map<String, String> names = new HashMap<>(Map.of("#b", "purgeBucket", "#p", "purgeAt"));
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":b", AttributeValue.fromS(bucket)));
                String condition = "attribute_exists(#p)";
                if (ownHold.isPresent()) {
                    names.put("#h", LegalHolds.HOLD_UNTIL);
                    values.put(":h", ownHold.get());
                    condition += " AND #h = :h";
                }
                String finalCondition = condition;
                try {
                    var response = dynamoDb.updateItem(r -> r.tableName(tables.nameOf(table.table())).key(key)
                            .updateExpression("SET #b = :b")
                            .conditionExpression(finalCondition)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                    capacity(response.consumedCapacity());
                } catch (ConditionalCheckFailedException changed) {
                    // deleted, its clock reset or its hold changed meanwhile: that write decided its day
                }
            }
            return Outcome.HELD;
        }

        /**
         * Deletes the item if, in the same write, it is still due and not held; on success a
         * customer or contact takes what hangs under it. A dry run reads and judges instead.
         */
        private Outcome delete(PurgeTable table, Map<String, AttributeValue> key, Due due, boolean cascades) {
            String id = table.name() + ":" + key.values();
            if (run.dryRun()) {
                if (!dryRunGone.add(id)) {
                    return Outcome.GONE;
                }
                Outcome judged = judge(table, key, due);
                if (judged != Outcome.DELETED) {
                    dryRunGone.remove(id);
                } else if (cascades) {
                    cascade(table, key, Map.of());
                }
                return judged;
            }
            if (cascades) {
                // judge first, then take what hangs under it, then the item itself: a cascade that fails
                // (throttled past its retries) leaves the parent in the index, so a retry cascades again
                Outcome judged = judge(table, key, due);
                if (judged == Outcome.HELD) {
                    return held(table, key, ownHoldEnd(lastJudged), Optional.of(lastJudged.get(LegalHolds.HOLD_UNTIL)));
                }
                if (judged != Outcome.DELETED) {
                    return judged;
                }
                cascade(table, key, lastJudged);
            }
            try {
                DeleteItemResponse response = dynamoDb.deleteItem(r -> r.tableName(tables.nameOf(table.table()))
                        .key(key)
                        .conditionExpression(due.condition)
                        .expressionAttributeNames(due.names(table))
                        .expressionAttributeValues(due.values(now))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                capacity(response.consumedCapacity());
                return Outcome.DELETED;
            } catch (ConditionalCheckFailedException notNow) {
                Outcome why = judge(table, key, due);
                if (why == Outcome.HELD) {
                    return held(table, key, ownHoldEnd(lastJudged), Optional.of(lastJudged.get(LegalHolds.HOLD_UNTIL)));
                }
                // judged due after a failed condition: it changed twice meanwhile; count it as failed so its
                // day is not left behind, and the next run meets it again
                return why == Outcome.DELETED ? Outcome.FAILED : why;
            }
        }

        private Instant ownHoldEnd(Map<String, AttributeValue> item) {
            return Instant.ofEpochSecond(Long.parseLong(item.get(LegalHolds.HOLD_UNTIL).n()));
        }

        /** Why an item would or would not go, read with a consistent read. */
        private Outcome judge(PurgeTable table, Map<String, AttributeValue> key, Due due) {
            Map<String, AttributeValue> item = read(table, key, false);
            lastJudged = item;
            if (item == null || item.isEmpty()) {
                return Outcome.GONE;
            }
            long nowSeconds = run.now().getEpochSecond();
            AttributeValue hold = item.get(LegalHolds.HOLD_UNTIL);
            if (hold != null && Long.parseLong(hold.n()) > nowSeconds) {
                return Outcome.HELD;
            }
            AttributeValue purgeAt = item.get("purgeAt");
            boolean due2 = switch (due) {
                case ON_ITS_CLOCK -> purgeAt != null && Long.parseLong(purgeAt.n()) <= nowSeconds;
                case WITH_ITS_PARENT -> purgeAt == null || Long.parseLong(purgeAt.n()) <= nowSeconds;
                case ALWAYS -> true;
            };
            return due2 ? Outcome.DELETED : Outcome.KEPT;
        }

        private Map<String, AttributeValue> read(PurgeTable table, Map<String, AttributeValue> key, boolean whole) {
            GetItemResponse response = dynamoDb.getItem(r -> {
                r.tableName(tables.nameOf(table.table())).key(key).consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                if (!whole) {
                    r.projectionExpression("#k, #p, #h, #bi").expressionAttributeNames(Map.of(
                            "#k", table.partitionKey(), "#p", "purgeAt", "#h", LegalHolds.HOLD_UNTIL, "#bi", "businessId"));
                }
            });
            capacity(response.consumedCapacity());
            return response.hasItem() ? response.item() : null;
        }

        /** What hangs under a purged customer (its business-id claim, contacts, history) or contact (credentials). */
        private void cascade(PurgeTable table, Map<String, AttributeValue> key, Map<String, AttributeValue> old) {
            if (table == PurgeTable.CUSTOMERS) {
                String customerId = key.get("customerId").s();
                if (old != null && old.containsKey("businessId") && !run.dryRun()) {
                    releaseClaim(old.get("businessId").s(), customerId);
                }
                for (var contact : withBackoff(() -> children(PurgeTable.CONTACTS, "byCustomer", "customerId", customerId))) {
                    countCascade(DataCategory.CONTACT,
                            withBackoff(() -> delete(PurgeTable.CONTACTS, contact, Due.WITH_ITS_PARENT, true)));
                }
                for (var entry : withBackoff(() -> children(PurgeTable.HISTORY, null, "customerId", customerId))) {
                    countCascade(DataCategory.HISTORY_ENTRY,
                            withBackoff(() -> delete(PurgeTable.HISTORY, entry, Due.WITH_ITS_PARENT, false)));
                }
            } else if (table == PurgeTable.CONTACTS) {
                String contactId = key.get("contactId").s();
                for (var credential : withBackoff(() -> children(PurgeTable.CREDENTIALS, null, "contactId", contactId))) {
                    countCascade(DataCategory.CREDENTIAL,
                            withBackoff(() -> delete(PurgeTable.CREDENTIALS, credential, Due.ALWAYS, false)));
                }
            }
        }

        /**
         * A cascade step retries throttling itself: once its parent is gone, a retry of the parent
         * would find nothing to cascade from. Should it still fail, the children fall to their own clocks.
         */
        private <T> T withBackoff(java.util.function.Supplier<T> step) {
            for (int round = 0; ; round++) {
                try {
                    return step.get();
                } catch (SdkServiceException e) {
                    if (!isThrottling(e) || round + 1 >= MAX_ROUNDS) {
                        throw e;
                    }
                    backoff(round + 1);
                }
            }
        }

        private void countCascade(DataCategory category, Outcome outcome) {
            if (outcome == Outcome.DELETED) {
                report.recordCascade(category);
            } else if (outcome != Outcome.GONE) {
                report.record(category, outcome);
            }
        }

        private void releaseClaim(String businessId, String customerId) {
            try {
                var response = dynamoDb.deleteItem(r -> r.tableName(tables.nameOf(RegisterTable.CUSTOMERS))
                        .key(Map.of("customerId", AttributeValue.fromS(CLAIM_PREFIX + businessId)))
                        .conditionExpression("claimedBy = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                capacity(response.consumedCapacity());
            } catch (ConditionalCheckFailedException notOurs) {
                // the business id has been claimed by another customer since
            }
        }

        /** The keys of the items under a parent: from an index of the table, or its own partition. */
        private List<Map<String, AttributeValue>> children(PurgeTable table, String index, String attribute, String id) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(tables.nameOf(table.table()))
                        .keyConditionExpression("#a = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                Map<String, String> names = new HashMap<>(Map.of("#a", attribute));
                StringBuilder projection = new StringBuilder();
                for (int i = 0; i < table.keyAttributes().size(); i++) {
                    names.put("#k" + i, table.keyAttributes().get(i));
                    projection.append(i == 0 ? "" : ", ").append("#k").append(i);
                }
                query.expressionAttributeNames(names).projectionExpression(projection.toString());
                if (index != null) {
                    query.indexName(index);
                }
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = dynamoDb.query(query.build());
                capacity(page.consumedCapacity());
                page.items().forEach(i -> keys.add(key(table, i)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return keys;
        }

        /** When the customer's hold ends, if it holds now. */
        private Optional<Instant> customerHold(String customerId) {
            return customerHold.computeIfAbsent(customerId, id -> activeHold(read(PurgeTable.CUSTOMERS,
                    Map.of("customerId", AttributeValue.fromS(id)), false)));
        }

        /** A contact is held by its own hold or its customer's: until the later of them ends. */
        private Optional<Instant> contactHold(String contactId) {
            Optional<Instant> known = contactHold.get(contactId);
            if (known != null) {
                return known;
            }
            Map<String, AttributeValue> contact = contactWithParent(contactId);
            Optional<Instant> own = activeHold(contact);
            Optional<Instant> parent = contact != null && contact.containsKey("customerId")
                    ? customerHold(contact.get("customerId").s()) : Optional.empty();
            Optional<Instant> hold = own.isEmpty() ? parent : parent.isEmpty() ? own
                    : Optional.of(own.get().isAfter(parent.get()) ? own.get() : parent.get());
            contactHold.put(contactId, hold);
            return hold;
        }

        private Optional<String> parentOf(String contactId) {
            if (!contactParent.containsKey(contactId)) {
                contactWithParent(contactId);
            }
            return contactParent.get(contactId);
        }

        private Map<String, AttributeValue> contactWithParent(String contactId) {
            GetItemResponse response = dynamoDb.getItem(r -> r.tableName(tables.nameOf(RegisterTable.CONTACTS))
                    .key(Map.of("contactId", AttributeValue.fromS(contactId))).consistentRead(true)
                    .projectionExpression("#c, #h").expressionAttributeNames(Map.of("#c", "customerId",
                            "#h", LegalHolds.HOLD_UNTIL))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            capacity(response.consumedCapacity());
            Map<String, AttributeValue> item = response.hasItem() && !response.item().isEmpty() ? response.item() : null;
            contactParent.put(contactId, Optional.ofNullable(item).map(i -> i.get("customerId")).map(AttributeValue::s));
            return item;
        }

        private Optional<Instant> activeHold(Map<String, AttributeValue> item) {
            AttributeValue hold = item == null ? null : item.get(LegalHolds.HOLD_UNTIL);
            return hold == null || Long.parseLong(hold.n()) <= run.now().getEpochSecond() ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(Long.parseLong(hold.n())));
        }

        private void capacity(ConsumedCapacity consumed) {
            if (consumed != null && consumed.capacityUnits() != null) {
                report.addCapacity(consumed.capacityUnits());
            }
        }
    }

    /** When an item is due: by its own clock, with its purged parent (unless its own clock is longer), or always. */
    enum Due {
        ON_ITS_CLOCK("attribute_exists(#k) AND #p <= :now AND (attribute_not_exists(#h) OR #h <= :now)"),
        WITH_ITS_PARENT("attribute_exists(#k) AND (attribute_not_exists(#p) OR #p <= :now)"
                + " AND (attribute_not_exists(#h) OR #h <= :now)"),
        ALWAYS("attribute_exists(#k)");

        private final String condition;

        Due(String condition) {
            this.condition = condition;
        }

        Map<String, String> names(PurgeTable table) {
            return this == ALWAYS ? Map.of("#k", table.partitionKey())
                    : Map.of("#k", table.partitionKey(), "#p", "purgeAt", "#h", LegalHolds.HOLD_UNTIL);
        }

        Map<String, AttributeValue> values(AttributeValue now) {
            return this == ALWAYS ? null : Map.of(":now", now);
        }
    }

    private static Map<String, AttributeValue> key(PurgeTable table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        table.keyAttributes().forEach(a -> key.put(a, item.get(a)));
        return key;
    }

    private static boolean isThrottling(SdkServiceException e) {
        return e instanceof ProvisionedThroughputExceededException || e.isThrottlingException()
                || (e instanceof software.amazon.awssdk.services.dynamodb.model.DynamoDbException d
                && d.awsErrorDetails() != null && "RequestLimitExceeded".equals(d.awsErrorDetails().errorCode()));
    }
}
