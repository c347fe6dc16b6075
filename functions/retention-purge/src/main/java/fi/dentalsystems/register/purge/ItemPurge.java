package fi.dentalsystems.register.purge;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One item the index says is due: held through what it hangs under (moved on, to be met again),
 * or deleted on its own clock — a customer or contact with what hangs under it; a closed request
 * is first reduced to evidence, and deleted at its second clock. The index entry carries what the
 * judgement needs (its own hold, a request's minimisation:
 * docs/decisions/0016), so the item itself is read only when the entry shows a hold.
 */
final class ItemPurge {
    private final ItemHolds holds;
    private final HeldItems held;
    private final ItemDelete deletes;
    private final Cascade cascade;

    ItemPurge(ItemHolds holds, HeldItems held, ItemDelete deletes, Cascade cascade) {
        this.holds = holds;
        this.held = held;
        this.deletes = deletes;
        this.cascade = cascade;
    }

    /** {@code entry}: the item's byPurge index entry (its key and the projected judgement). */
    Outcome purge(PurgeTable table, Map<String, AttributeValue> entry) {
        Map<String, AttributeValue> key = table.keyOf(entry);
        Optional<Instant> parentHold = holds.throughParent(table, key);
        if (parentHold.isPresent()) {
            return held.moveOn(table, key, parentHold.get(), Optional.empty());
        }
        if (table == PurgeTable.REQUESTS) {
            // two clocks on one request item: the first minimises it, the second deletes it
            return deletes.minimiseOrDelete(table, key, entry);
        }
        return Cascade.hasDependents(table) ? deletes.deleteWith(table, key, entry, Due.ON_ITS_CLOCK, cascade)
                : deletes.delete(table, key, entry, Due.ON_ITS_CLOCK);
    }
}
