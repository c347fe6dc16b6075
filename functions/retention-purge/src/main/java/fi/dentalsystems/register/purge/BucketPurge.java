package fi.dentalsystems.register.purge;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.store.PurgeableItem;
import fi.dentalsystems.register.core.store.StoredAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Purges one day's bucket of one table. It reads only the due part of that day in the sparse
 * {@code byPurge} index (keys and what the judgement needs, docs/decisions/0016) — never a Scan, so its cost follows what expires, not the size
 * of the table — in pages of {@value #BATCH}, and stops between batches when the time runs out.
 * Throttled deletes are retried with backoff, like a batch's unprocessed items.
 */
// at class level: the finding stands in a lambda, which a method's annotation does not cover
@SuppressFBWarnings(value = "CRLF_INJECTION_LOGS", justification = "constant message; values are a table enum name, an exception class name and a status code as structured arguments, written escaped by the JSON layout")
final class BucketPurge {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BucketPurge.class);
    static final int BATCH = 25;

    private final MeteredTables tables;
    private final ItemPurge items;
    private final Backoff backoff;
    private final PurgeReport report;
    private final RetentionPurge.Run run;
    private final long safetyMillis;
    private final RetentionPurge.BatchRead batchRead;
    private final Executor inFlight;
    private final PurgedIds audited;

    BucketPurge(MeteredTables tables, ItemPurge items, Backoff backoff, PurgeReport report, RetentionPurge.Run run,
                long safetyMillis, RetentionPurge.BatchRead batchRead, Executor inFlight, PurgedIds audited) {
        this.inFlight = inFlight;
        this.audited = audited;
        this.tables = tables;
        this.items = items;
        this.backoff = backoff;
        this.report = report;
        this.run = run;
        this.safetyMillis = safetyMillis;
        this.batchRead = batchRead;
    }

    /** False when the time ran out first. */
    boolean purge(PurgeTable table, LocalDate day) {
        return tables.query(table.table(), query -> query.indexName(PurgeableItem.BY_PURGE)
                        .keyConditionExpression("#b = :b AND #p <= :now")
                        .expressionAttributeNames(Map.of("#b", PurgeableItem.PURGE_BUCKET, "#p", PurgeableItem.PURGE_AT))
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(day.toString()),
                                ":now", run.epochSecond()))
                        .limit(BATCH),
                () -> run.timeLeft().millis() >= safetyMillis,
                page -> {
                    if (!page.isEmpty()) {
                        // an index entry showing personal data (a credential's key holds its service, a
                        // request's entry its minimisation) is a read, so named; a deleted one is named by
                        // its delete (issue 14)
                        page.stream().filter(entry -> entry.keySet().stream().anyMatch(a -> StoredAttributes
                                .of(table.table(), a).map(d -> !d.technical()).orElse(false)))
                                .forEach(entry -> audited.read(table, table.keyOf(entry)));
                        batchRead.keys(table, page.stream().map(table::keyOf).toList());
                        batch(table, page);
                        audited.writeIfFull();
                        report.batchDone();
                        run.progress().batch(report.batches(), report.deleted(), table.name(), day);
                    }
                });
    }

    /** Deletes a batch of index entries; throttled items are retried with backoff, then left for the next run. */
    private void batch(PurgeTable table, List<Map<String, AttributeValue>> entries) {
        List<Map<String, AttributeValue>> throttled = backoff.each(entries,
                entry -> report.record(table.category(), items.purge(table, entry)),
                e -> {
                    // one item's error (a permission, a malformed item) must not stop the purge of
                    // the others: counted as failed, its day stays open, the report and metrics show it
                    LOG.warn("purge of an item failed", entry("table", table.name()),
                            entry("error", e.getClass().getSimpleName()), entry("status", e.statusCode()));
                    report.record(table.category(), Outcome.FAILED);
                }, inFlight);
        throttled.forEach(key -> report.record(table.category(), Outcome.FAILED));
    }
}
