package fi.dentalsystems.register.purge;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * The purge's checkpoint in the Jobs table, one item: per table, the last day whose bucket has
 * been cleared (the next run starts after it), and the counts of a run that was cut off, which
 * the next run adopts so that its report covers the whole run. Every write is conditional, so
 * two runs at once never move a day back or adopt the same counts twice.
 */
public final class PurgeCheckpoint {
    /** The Jobs table's key attribute (template.yaml). */
    public static final String KEY_ATTRIBUTE = "jobId";
    static final String JOB_ID = "retention-purge";
    private static final String OPEN_RUN = "openRunId";
    private static final String OPEN_COUNTS = "openCounts";

    record OpenRun(String runId, Map<String, Long> counts) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DoubleConsumer capacity;

    PurgeCheckpoint(DynamoDbClient dynamoDb, String tableName, DoubleConsumer capacity) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.capacity = capacity;
    }

    /** The last cleared day of each table that has one. */
    Map<PurgeTable, LocalDate> clearedThrough() {
        var response = dynamoDb.getItem(r -> r.tableName(tableName).key(key()).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        capacity.accept(response.consumedCapacity() == null ? 0 : response.consumedCapacity().capacityUnits());
        Map<PurgeTable, LocalDate> days = new EnumMap<>(PurgeTable.class);
        if (response.hasItem()) {
            for (PurgeTable t : PurgeTable.values()) {
                AttributeValue v = response.item().get(clearedAttribute(t));
                if (v != null && v.s() != null) {
                    days.put(t, LocalDate.parse(v.s()));
                }
            }
        }
        return days;
    }

    /** Moves the table's cleared day forward to {@code day}; never back (a concurrent run may be ahead). */
    void cleared(PurgeTable table, LocalDate day) {
        try {
            var response = dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                    .updateExpression("SET #d = :d")
                    .conditionExpression("attribute_not_exists(#d) OR #d < :d")
                    .expressionAttributeNames(Map.of("#d", clearedAttribute(table)))
                    .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(day.toString())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            capacity.accept(units(response));
        } catch (ConditionalCheckFailedException ahead) {
            // another run has cleared this day or a later one
        }
    }

    /** Takes over the counts of a cut-off run, if one is waiting; only one taker gets them. */
    Optional<OpenRun> adoptOpenRun() {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                    .updateExpression("REMOVE #r, #c")
                    .conditionExpression("attribute_exists(#r)")
                    .expressionAttributeNames(Map.of("#r", OPEN_RUN, "#c", OPEN_COUNTS))
                    .returnValues(ReturnValue.UPDATED_OLD)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            capacity.accept(units(response));
            Map<String, AttributeValue> old = response.attributes();
            Map<String, Long> counts = new HashMap<>();
            AttributeValue saved = old.get(OPEN_COUNTS);
            if (saved != null && saved.hasM()) {
                saved.m().forEach((name, n) -> counts.put(name, Long.parseLong(n.n())));
            }
            return Optional.of(new OpenRun(old.get(OPEN_RUN).s(), counts));
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    /**
     * Leaves a cut-off run's counts for the next run. False when another cut-off run's counts are
     * already waiting: then the caller reports its own part instead, so no count is lost.
     */
    boolean park(String runId, Map<String, Long> counts) {
        Map<String, AttributeValue> saved = new HashMap<>();
        counts.forEach((name, n) -> saved.put(name, AttributeValue.fromN(Long.toString(n))));
        try {
            var response = dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                    .updateExpression("SET #r = :r, #c = :c")
                    .conditionExpression("attribute_not_exists(#r)")
                    .expressionAttributeNames(Map.of("#r", OPEN_RUN, "#c", OPEN_COUNTS))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId), ":c", AttributeValue.fromM(saved)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            capacity.accept(units(response));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    private static double units(UpdateItemResponse response) {
        return response.consumedCapacity() == null ? 0 : response.consumedCapacity().capacityUnits();
    }

    private static String clearedAttribute(PurgeTable table) {
        return "clearedThrough_" + table.name();
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(JOB_ID));
    }
}
