package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retention purge's run reports, kept for the administrators' console page (issue 16). They sit in
 * the Jobs table, which holds no personal data: run ids, days, flags and counts only, so reading them
 * needs no audit entry (the same report is also the run's PURGE_RUN audit entry, decision 0007). One
 * item a UTC day ({@code purge-reports#<day>}) with the day's runs in a list: a range of days is one
 * BatchGetItem, never a scan. A day keeps at most {@value #MAX_A_DAY} reports (the schedule runs once a
 * day; the rest are dry runs by hand); further ones are left to the audit and the log.
 */
public final class PurgeReports {
    public static final String KEY_PREFIX = "purge-reports#";
    public static final int MAX_A_DAY = 50;
    /** The most days one read covers (BatchGetItem takes 100 keys; the API asks for at most this many). */
    public static final int MAX_DAYS = 31;
    private static final String KEY = "jobId";
    private static final String RUNS = "runs";

    /**
     * One run's report: deleted counts direct deletions and cascades; the counts are the audit entry's
     * details ({@code <category>.<outcome>}, batches, invocations, consumedCapacityMilli, durationMillis).
     */
    public record Report(String runId, Instant ranAt, boolean dryRun, boolean complete, long deleted,
                         long minimised, long held, long kept, long errors, Map<String, Long> counts) {
        public Report {
            counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The AWS SDK client is injected and shared (thread-safe, one per function): there is "
                    + "nothing to copy")
    public PurgeReports(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Appends the report to its day's item; false when the day already has {@value #MAX_A_DAY}. */
    public boolean add(Report report) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(key(day(report.ranAt())))
                    .updateExpression("SET #runs = list_append(if_not_exists(#runs, :none), :one)")
                    .conditionExpression("attribute_not_exists(#runs) OR size(#runs) < :max")
                    .expressionAttributeNames(Map.of("#runs", RUNS))
                    .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                            ":one", AttributeValue.fromL(List.of(AttributeValue.fromM(attributes(report)))),
                            ":max", AttributeValue.fromN(Integer.toString(MAX_A_DAY)))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** The reports of the UTC days from..to (inclusive, at most {@value #MAX_DAYS}), newest first. */
    public List<Report> between(LocalDate from, LocalDate to) {
        if (from.isAfter(to) || from.plusDays(MAX_DAYS - 1L).isBefore(to)) {
            throw new IllegalArgumentException("a range of 1 to " + MAX_DAYS + " days");
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            keys.add(key(d));
        }
        List<Report> reports = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(tableName,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> asked = pending;
            BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
            response.responses().getOrDefault(tableName, List.of()).forEach(item ->
                    item.getOrDefault(RUNS, AttributeValue.fromL(List.of())).l().forEach(run -> reports.add(report(run.m()))));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        reports.sort(Comparator.comparing(Report::ranAt).reversed().thenComparing(Report::runId));
        return reports;
    }

    private static Map<String, AttributeValue> key(LocalDate day) {
        return Map.of(KEY, AttributeValue.fromS(KEY_PREFIX + day));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Map<String, AttributeValue> attributes(Report r) {
        Map<String, AttributeValue> counts = new HashMap<>();
        r.counts().forEach((name, n) -> counts.put(name, number(n)));
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("runId", AttributeValue.fromS(r.runId()));
        m.put("ranAt", AttributeValue.fromS(r.ranAt().toString()));
        m.put("dryRun", AttributeValue.fromBool(r.dryRun()));
        m.put("complete", AttributeValue.fromBool(r.complete()));
        m.put("deleted", number(r.deleted()));
        m.put("minimised", number(r.minimised()));
        m.put("held", number(r.held()));
        m.put("kept", number(r.kept()));
        m.put("errors", number(r.errors()));
        m.put("counts", AttributeValue.fromM(counts));
        return m;
    }

    private static Report report(Map<String, AttributeValue> m) {
        Map<String, Long> counts = new TreeMap<>();
        m.getOrDefault("counts", AttributeValue.fromM(Map.of())).m().forEach((name, n) -> counts.put(name, Long.parseLong(n.n())));
        return new Report(m.get("runId").s(), Instant.parse(m.get("ranAt").s()), m.get("dryRun").bool(),
                m.get("complete").bool(), n(m, "deleted"), n(m, "minimised"), n(m, "held"), n(m, "kept"), n(m, "errors"),
                counts);
    }

    private static long n(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
