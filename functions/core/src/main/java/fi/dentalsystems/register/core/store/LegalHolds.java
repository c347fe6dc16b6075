package fi.dentalsystems.register.core.store;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.retention.LegalHold;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Legal holds, kept as attributes on the held item itself ({@code holdUntil} in epoch seconds,
 * {@code holdReason}, {@code heldBy}, {@code heldAt}) so that the purge's conditional delete
 * sees them in the same write. They are outside the item schemas and written with UpdateItem,
 * and the repositories update items rather than replace them, so an edit never drops a hold.
 * Placing a hold does not change the item's version: it is not an edit of its data.
 */
public final class LegalHolds {
    public static final String HOLD_UNTIL = "holdUntil";
    public static final String HOLD_REASON = "holdReason";
    public static final String HELD_BY = "heldBy";
    public static final String HELD_AT = "heldAt";

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The AWS SDK client is injected and shared (thread-safe, one per function): there is "
                    + "nothing to copy")
    public LegalHolds(DynamoDbClient dynamoDb, TableNames tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    /** Places or replaces the hold; false when there is no such item. */
    public boolean place(HoldTarget target, String id, LegalHold hold) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tables.nameOf(target.table()))
                    .key(key(target, id))
                    .conditionExpression(exists(target))
                    .updateExpression("SET #u = :u, #r = :r, #b = :b, #a = :a")
                    .expressionAttributeNames(Map.of("#k", target.keyAttribute(), "#u", HOLD_UNTIL, "#r", HOLD_REASON,
                            "#b", HELD_BY, "#a", HELD_AT))
                    .expressionAttributeValues(withRecordType(target, Map.of(
                            ":u", AttributeValue.fromN(Long.toString(hold.until().getEpochSecond())),
                            ":r", AttributeValue.fromS(hold.reason()),
                            ":b", AttributeValue.fromS(hold.placedBy()),
                            ":a", AttributeValue.fromS(hold.placedAt().toString())))));
            return true;
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
    }

    /**
     * Lifts the hold; false when there is no such item. Lifting an absent hold is a no-op. The
     * purge moves a held item to the bucket of the day its hold ends; lifted early, the item goes
     * back to the day its own clock says, or today if that has passed, so the next purge meets it.
     */
    public boolean lift(HoldTarget target, String id, Instant now) {
        Map<String, AttributeValue> after;
        try {
            after = dynamoDb.updateItem(r -> r.tableName(tables.nameOf(target.table()))
                    .key(key(target, id))
                    .conditionExpression(exists(target))
                    .updateExpression("REMOVE #u, #r, #b, #a")
                    .expressionAttributeNames(Map.of("#k", target.keyAttribute(), "#u", HOLD_UNTIL, "#r", HOLD_REASON,
                            "#b", HELD_BY, "#a", HELD_AT))
                    .expressionAttributeValues(withRecordType(target, Map.of()))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
        AttributeValue purgeAt = after.get(PurgeableItem.PURGE_AT);
        if (purgeAt != null) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(purgeAt.n()));
            try {
                dynamoDb.updateItem(r -> r.tableName(tables.nameOf(target.table())).key(key(target, id))
                        .updateExpression("SET #b = :b")
                        .conditionExpression("#p = :p AND attribute_not_exists(#u)")
                        .expressionAttributeNames(Map.of("#b", PurgeableItem.PURGE_BUCKET, "#p", PurgeableItem.PURGE_AT, "#u", HOLD_UNTIL))
                        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(
                                Retention.bucket(at, now)), ":p", purgeAt)));
            } catch (ConditionalCheckFailedException changed) {
                // its clock was reset or a new hold placed meanwhile: that write set the bucket
            }
        }
        return true;
    }

    /** The hold on the item, if any (expired ones included: they show until lifted). */
    public Optional<LegalHold> find(HoldTarget target, String id) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(tables.nameOf(target.table()))
                .key(key(target, id)).consistentRead(true)
                .projectionExpression("#u, #r, #b, #a")
                .expressionAttributeNames(Map.of("#u", HOLD_UNTIL, "#r", HOLD_REASON, "#b", HELD_BY, "#a", HELD_AT)));
        return read(response.item());
    }

    /** The hold held in an item's attributes, if any. */
    public static Optional<LegalHold> read(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(HOLD_UNTIL)) {
            return Optional.empty();
        }
        return Optional.of(new LegalHold(Instant.ofEpochSecond(Long.parseLong(item.get(HOLD_UNTIL).n())),
                text(item, HOLD_REASON), text(item, HELD_BY), Instant.parse(text(item, HELD_AT))));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private static Map<String, AttributeValue> key(HoldTarget target, String id) {
        return Map.of(target.keyAttribute(), AttributeValue.fromS(id));
    }

    private static String exists(HoldTarget target) {
        // a customer id must name a customer, not the business-id claim sharing its table
        return target == HoldTarget.CUSTOMER ? "attribute_exists(#k) AND recordType = :customer" : "attribute_exists(#k)";
    }

    private static Map<String, AttributeValue> withRecordType(HoldTarget target, Map<String, AttributeValue> values) {
        if (target != HoldTarget.CUSTOMER) {
            return values.isEmpty() ? null : values;
        }
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":customer", AttributeValue.fromS(CustomerItem.CUSTOMER));
        return all;
    }
}
