package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeableItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

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

    /** The delete's condition: the same judgement, made by DynamoDB in the write itself. */
    String condition() {
        return condition;
    }

    Map<String, String> names(PurgeTable table) {
        return this == ALWAYS ? Map.of("#k", table.partitionKey())
                : Map.of("#k", table.partitionKey(), "#p", PurgeableItem.PURGE_AT, "#h", LegalHolds.HOLD_UNTIL);
    }

    Map<String, AttributeValue> values(AttributeValue now) {
        return this == ALWAYS ? null : Map.of(":now", now);
    }

    /** Whether an item with this clock ({@code purgeAt}, epoch seconds, or null) is due at {@code nowSeconds}. */
    boolean met(AttributeValue purgeAt, long nowSeconds) {
        return switch (this) {
            case ON_ITS_CLOCK -> purgeAt != null && Long.parseLong(purgeAt.n()) <= nowSeconds;
            case WITH_ITS_PARENT -> purgeAt == null || Long.parseLong(purgeAt.n()) <= nowSeconds;
            case ALWAYS -> true;
        };
    }
}
