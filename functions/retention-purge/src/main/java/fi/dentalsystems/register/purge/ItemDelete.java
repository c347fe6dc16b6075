package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeableItem;
import fi.dentalsystems.register.core.store.RequestItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One item's judgement and delete. The delete is conditional: it re-checks, in the same write,
 * that the item is still due and not on legal hold, so a concurrent update that extended its
 * life wins (BatchWriteItem takes no conditions; docs/decisions/0007-retention-purge.md). A
 * held item is moved on to be met again; a dry run reads and judges instead of deleting.
 */
final class ItemDelete {
    /** What hangs under an item: taken once the item is judged to go, before the item itself. */
    interface Dependents {
        Dependents NONE = (table, key, item) -> { };

        /** {@code item}: the attributes the item was judged by (empty in a dry run). */
        void take(PurgeTable table, Map<String, AttributeValue> key, Map<String, AttributeValue> item);
    }

    /** Why an item would or would not go, and the attributes it was judged by. */
    private record Judgement(Outcome outcome, Map<String, AttributeValue> item) {
    }

    private final MeteredTables tables;
    private final HeldItems held;
    private final RetentionPurge.Run run;
    private final RequestEvidence evidence;
    private final Set<String> dryRunGone = new HashSet<>();

    ItemDelete(MeteredTables tables, HeldItems held, RetentionPurge.Run run, RequestEvidence evidence) {
        this.evidence = evidence;
        this.tables = tables;
        this.held = held;
        this.run = run;
    }

    /** Deletes an item nothing hangs under if, in the same write, it is still due and not held. */
    Outcome delete(PurgeTable table, Map<String, AttributeValue> key, Due due) {
        return run.dryRun() ? wouldGo(table, key, due, Dependents.NONE) : conditionally(table, key, due);
    }

    /** Deletes an item and, first, what hangs under it. */
    Outcome deleteWith(PurgeTable table, Map<String, AttributeValue> key, Due due, Dependents dependents) {
        if (run.dryRun()) {
            return wouldGo(table, key, due, dependents);
        }
        // judge first, then take what hangs under it, then the item itself: a cascade that fails
        // (throttled past its retries) leaves the parent in the index, so a retry cascades again
        Judgement judged = judge(table, key, due);
        if (judged.outcome() == Outcome.HELD) {
            return moveOn(table, key, judged);
        }
        if (judged.outcome() != Outcome.DELETED) {
            return judged.outcome();
        }
        dependents.take(table, key, judged.item());
        return conditionally(table, key, due);
    }

    /**
     * A closed request the index says is due: at its first clock (not yet minimised) it is reduced
     * to evidence, in a write conditional on still being due, unminimised and not held; at its
     * second clock it is deleted like any item (docs/decisions/0009).
     */
    Outcome minimiseOrDelete(PurgeTable table, Map<String, AttributeValue> key) {
        Judgement judged = judge(table, key, Due.ON_ITS_CLOCK);
        if (judged.outcome() == Outcome.GONE) {
            return Outcome.GONE;
        }
        if (judged.item().containsKey(RequestItem.MINIMISED_AT)) {
            return delete(table, key, Due.ON_ITS_CLOCK);
        }
        if (judged.outcome() == Outcome.HELD) {
            return moveOn(table, key, judged);
        }
        if (judged.outcome() != Outcome.DELETED) {
            return judged.outcome();
        }
        if (run.dryRun()) {
            return dryRunGone.add(table.name() + ":" + key.values() + ":content") ? Outcome.MINIMISED : Outcome.GONE;
        }
        return switch (evidence.reduce(key.get(RequestItem.REQUEST_ID).s(), run.now())) {
            case MINIMISED -> Outcome.MINIMISED;
            case GONE -> Outcome.GONE;
            // its condition failed: changed meanwhile (a hold placed, a new event); judged again next time
            case NOT_DUE -> {
                Judgement again = judge(table, key, Due.ON_ITS_CLOCK);
                yield again.outcome() == Outcome.HELD ? moveOn(table, key, again)
                        : again.outcome() == Outcome.DELETED ? Outcome.FAILED : again.outcome();
            }
        };
    }

    private Outcome conditionally(PurgeTable table, Map<String, AttributeValue> key, Due due) {
        boolean deleted = tables.delete(table.table(), key, r -> r.conditionExpression(due.condition())
                .expressionAttributeNames(due.names(table))
                .expressionAttributeValues(due.values(run.epochSecond())));
        if (deleted) {
            return Outcome.DELETED;
        }
        Judgement why = judge(table, key, due);
        if (why.outcome() == Outcome.HELD) {
            return moveOn(table, key, why);
        }
        // judged due after a failed condition: it changed twice meanwhile; count it as failed so its
        // day is not left behind, and the next run meets it again
        return why.outcome() == Outcome.DELETED ? Outcome.FAILED : why.outcome();
    }

    /** A dry run: what would go, each item counted once however often the run meets it. */
    private Outcome wouldGo(PurgeTable table, Map<String, AttributeValue> key, Due due, Dependents dependents) {
        String id = table.name() + ":" + key.values();
        if (!dryRunGone.add(id)) {
            return Outcome.GONE;
        }
        Outcome judged = judge(table, key, due).outcome();
        if (judged != Outcome.DELETED) {
            dryRunGone.remove(id);
        } else {
            dependents.take(table, key, Map.of());
        }
        return judged;
    }

    /** An item held by its own hold: moved on, on condition that its hold is still the one judged. */
    private Outcome moveOn(PurgeTable table, Map<String, AttributeValue> key, Judgement judged) {
        Instant ends = ItemHolds.own(judged.item(), run.now()).orElseThrow();
        return held.moveOn(table, key, ends, Optional.of(judged.item().get(LegalHolds.HOLD_UNTIL)));
    }

    /** Why an item would or would not go, read with a consistent read. */
    private Judgement judge(PurgeTable table, Map<String, AttributeValue> key, Due due) {
        Map<String, AttributeValue> item = tables.judged(table, key);
        if (item == null) {
            return new Judgement(Outcome.GONE, null);
        }
        if (ItemHolds.own(item, run.now()).isPresent()) {
            return new Judgement(Outcome.HELD, item);
        }
        boolean dueNow = due.met(item.get(PurgeableItem.PURGE_AT), run.now().getEpochSecond());
        return new Judgement(dueNow ? Outcome.DELETED : Outcome.KEPT, item);
    }
}
