package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeableItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A held item moves to a later day's bucket, so the purge meets it again: the day its hold ends,
 * or in a week if that is sooner — a hold lifted or shortened meanwhile (its own or its parent's)
 * then takes effect within a week. Left where it was, it would sit in a day the checkpoint has
 * already left behind. The move is conditional on the hold the purge saw (its own), so a lift
 * racing the move wins.
 */
final class HeldItems {
    /** A held item is looked at again at least this often: a lifted or shortened hold takes effect within it. */
    static final int RECHECK_DAYS = 7;

    private final MeteredTables tables;
    private final RetentionPurge.Run run;

    HeldItems(MeteredTables tables, RetentionPurge.Run run) {
        this.tables = tables;
        this.run = run;
    }

    /** Moves the item to the bucket it is met again in ({@code ownHold}: the hold the purge saw on it, if its own). */
    Outcome moveOn(PurgeTable table, Map<String, AttributeValue> key, Instant holdEnds,
                   Optional<AttributeValue> ownHold) {
        if (run.dryRun()) {
            return Outcome.HELD;
        }
        Instant inAWeek = run.now().plus(Duration.ofDays(RECHECK_DAYS));
        String bucket = RetentionPolicy.bucket(holdEnds.isBefore(inAWeek) ? holdEnds : inAWeek);
        Map<String, String> names = new HashMap<>(Map.of("#b", PurgeableItem.PURGE_BUCKET, "#p", PurgeableItem.PURGE_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":b", AttributeValue.fromS(bucket)));
        String condition = "attribute_exists(#p)";
        if (ownHold.isPresent()) {
            names.put("#h", LegalHolds.HOLD_UNTIL);
            values.put(":h", ownHold.get());
            condition += " AND #h = :h";
        }
        String finalCondition = condition;
        // false: deleted, its clock reset or its hold changed meanwhile; that write decided its day
        tables.update(table.table(), key, r -> r.updateExpression("SET #b = :b")
                .conditionExpression(finalCondition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
        return Outcome.HELD;
    }
}
