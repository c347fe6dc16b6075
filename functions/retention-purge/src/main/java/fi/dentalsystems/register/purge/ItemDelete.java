package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.PurgeableItem;
import fi.dentalsystems.register.core.store.RequestItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One item's judgement and delete. The delete is conditional: it re-checks, in the same write,
 * that the item is still due and not on legal hold, so a concurrent update that extended its
 * life wins (BatchWriteItem takes no conditions; docs/decisions/0007-retention-purge.md). The
 * item is not read first: its byPurge index entry shows what the judgement needs, and the write's
 * condition decides (docs/decisions/0016). It is read, consistently, only where a wrong guess
 * would cost more than a read: when the entry shows a hold, when something hangs under it, and
 * when the condition failed (to tell held from changed). A held item is moved on to be met again;
 * a dry run reads and judges instead of deleting.
 */
final class ItemDelete {
    /** What hangs under an item: taken once the item is judged to go, before the item itself. */
    interface Dependents {
        Dependents NONE = (table, key) -> Optional.empty();

        /**
         * What hangs under the item, found but not yet taken; empty when nothing does. What is
         * returned takes it, given the attributes the item was judged by (empty in a dry run).
         */
        Optional<Consumer<Map<String, AttributeValue>>> under(PurgeTable table, Map<String, AttributeValue> key);
    }

    /** Why an item would or would not go, and the attributes it was judged by. */
    private record Judgement(Outcome outcome, Map<String, AttributeValue> item) {
    }

    private final MeteredTables tables;
    private final HeldItems held;
    private final RetentionPurge.Run run;
    private final RequestEvidence evidence;
    private final Set<String> dryRunGone = ConcurrentHashMap.newKeySet();
    private final PurgedIds audited;

    ItemDelete(MeteredTables tables, HeldItems held, RetentionPurge.Run run, RequestEvidence evidence,
               PurgedIds audited) {
        this.audited = audited;
        this.evidence = evidence;
        this.tables = tables;
        this.held = held;
        this.run = run;
    }

    /** Deletes an item nothing hangs under if, in the same write, it is still due and not held. */
    Outcome delete(PurgeTable table, Map<String, AttributeValue> key, Due due) {
        return delete(table, key, key, due);
    }

    /** The same, {@code entry}: what its index entry shows of it. */
    Outcome delete(PurgeTable table, Map<String, AttributeValue> key, Map<String, AttributeValue> entry, Due due) {
        if (run.dryRun()) {
            return wouldGo(table, key, due, Dependents.NONE);
        }
        if (ItemHolds.own(entry, run.now()).isPresent()) {
            return judgedFirst(table, key, due, Optional.empty(), Dependents.NONE);
        }
        return conditionally(table, key, due);
    }

    /** Deletes an item and, first, what hangs under it. */
    Outcome deleteWith(PurgeTable table, Map<String, AttributeValue> key, Due due, Dependents dependents) {
        return deleteWith(table, key, key, due, dependents);
    }

    /** The same, {@code entry}: what its index entry shows of it. */
    Outcome deleteWith(PurgeTable table, Map<String, AttributeValue> key, Map<String, AttributeValue> entry, Due due,
                       Dependents dependents) {
        if (run.dryRun()) {
            return wouldGo(table, key, due, dependents);
        }
        if (ItemHolds.own(entry, run.now()).isPresent()) {
            return judgedFirst(table, key, due, Optional.empty(), dependents);
        }
        Optional<Consumer<Map<String, AttributeValue>>> under = dependents.under(table, key);
        if (under.isEmpty()) {
            // nothing to take first: the conditional delete alone decides
            return conditionally(table, key, due);
        }
        return judgedFirst(table, key, due, under, dependents);
    }

    /**
     * Judge first (a consistent read), then take what hangs under it, then the item itself: what
     * hangs under an item must not go with a parent that is held or was kept alive meanwhile, and a
     * cascade that fails (throttled past its retries) leaves the parent in the index, so a retry
     * cascades again.
     */
    private Outcome judgedFirst(PurgeTable table, Map<String, AttributeValue> key, Due due,
                                Optional<Consumer<Map<String, AttributeValue>>> found, Dependents dependents) {
        Judgement judged = judge(table, key, due);
        if (judged.outcome() == Outcome.HELD) {
            return moveOn(table, key, judged);
        }
        if (judged.outcome() != Outcome.DELETED) {
            return judged.outcome();
        }
        found.or(() -> dependents.under(table, key)).ifPresent(take -> take.accept(judged.item()));
        return conditionally(table, key, due);
    }

    /**
     * A closed request the index says is due: at its first clock (not yet minimised) it is reduced
     * to evidence, in a write conditional on still being due, unminimised and not held; at its
     * second clock it is deleted like any item (docs/decisions/0009). Its index entry shows which.
     */
    Outcome minimiseOrDelete(PurgeTable table, Map<String, AttributeValue> key, Map<String, AttributeValue> entry) {
        if (!run.dryRun() && ItemHolds.own(entry, run.now()).isEmpty()) {
            if (entry.containsKey(RequestItem.MINIMISED_AT)) {
                return conditionally(table, key, Due.ON_ITS_CLOCK);
            }
            return reduce(table, key);
        }
        Judgement judged = judge(table, key, Due.ON_ITS_CLOCK);
        if (judged.outcome() == Outcome.GONE) {
            return Outcome.GONE;
        }
        if (judged.item().containsKey(RequestItem.MINIMISED_AT)) {
            return delete(table, key, judged.item(), Due.ON_ITS_CLOCK);
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
        return reduce(table, key);
    }

    private Outcome reduce(PurgeTable table, Map<String, AttributeValue> key) {
        String requestId = key.get(RequestItem.REQUEST_ID).s();
        return switch (evidence.reduce(requestId, run.now())) {
            case MINIMISED -> {
                audited.minimised(requestId);
                yield Outcome.MINIMISED;
            }
            case GONE -> Outcome.GONE;
            // its condition failed: changed meanwhile (a hold placed, a new event, or minimised
            // already while its index entry lagged); judged again, and met again next time
            case NOT_DUE -> {
                audited.read(table, key);
                Judgement again = judge(table, key, Due.ON_ITS_CLOCK);
                if (again.outcome() == Outcome.DELETED && again.item().containsKey(RequestItem.MINIMISED_AT)) {
                    yield conditionally(table, key, Due.ON_ITS_CLOCK);
                }
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
            audited.deleted(table, key);
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
            dependents.under(table, key).ifPresent(take -> take.accept(Map.of()));
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
        if (item.containsKey(CustomerItem.BUSINESS_ID)) {
            // a customer's business id is read for its claim: named, whatever the judgement (issue 14)
            audited.read(table, key);
        }
        if (ItemHolds.own(item, run.now()).isPresent()) {
            return new Judgement(Outcome.HELD, item);
        }
        boolean dueNow = due.met(item.get(PurgeableItem.PURGE_AT), run.now().getEpochSecond());
        return new Judgement(dueNow ? Outcome.DELETED : Outcome.KEPT, item);
    }
}
