package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.ContactItem;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryItem;
import fi.dentalsystems.register.core.store.RegisterTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What hangs under a purged customer (its business-id claim, its contacts, its history whose own
 * clock has ended or never started) or contact (its credentials) goes with it.
 */
final class Cascade implements ItemDelete.Dependents {
    /** What hangs under a parent: where it is found (an index of its table, or its own partition) and when it goes. */
    private enum Under {
        CUSTOMER_CONTACTS(PurgeTable.CUSTOMERS, PurgeTable.CONTACTS, Optional.of(ContactItem.BY_CUSTOMER),
                ContactItem.CUSTOMER_ID, Due.WITH_ITS_PARENT),
        CUSTOMER_HISTORY(PurgeTable.CUSTOMERS, PurgeTable.HISTORY, Optional.empty(), HistoryItem.CUSTOMER_ID,
                Due.WITH_ITS_PARENT),
        CONTACT_CREDENTIALS(PurgeTable.CONTACTS, PurgeTable.CREDENTIALS, Optional.empty(), CredentialItem.CONTACT_ID,
                Due.ALWAYS);

        private final PurgeTable parent;
        private final PurgeTable table;
        private final Optional<String> index;
        private final String parentAttribute;
        private final Due due;

        Under(PurgeTable parent, PurgeTable table, Optional<String> index, String parentAttribute, Due due) {
            this.parent = parent;
            this.table = table;
            this.index = index;
            this.parentAttribute = parentAttribute;
            this.due = due;
        }
    }

    private final MeteredTables tables;
    private final ItemDelete deletes;
    private final Backoff backoff;
    private final PurgeReport report;
    private final boolean dryRun;
    private final PurgedIds audited;

    Cascade(MeteredTables tables, ItemDelete deletes, Backoff backoff, PurgeReport report, boolean dryRun,
            PurgedIds audited) {
        this.audited = audited;
        this.tables = tables;
        this.deletes = deletes;
        this.backoff = backoff;
        this.report = report;
        this.dryRun = dryRun;
    }

    /** Whether anything hangs under the table's items. */
    static boolean hasDependents(PurgeTable table) {
        return Arrays.stream(Under.values()).anyMatch(u -> u.parent == table);
    }

    /**
     * A customer always counts as having something under it (its business-id claim, known for sure
     * only from a consistent read of it); a contact only when a credential hangs under it.
     */
    @Override
    public Optional<Consumer<Map<String, AttributeValue>>> under(PurgeTable table, Map<String, AttributeValue> key) {
        String parentId = key.get(table.partitionKey()).s();
        List<Map.Entry<Under, List<Map<String, AttributeValue>>>> found = new ArrayList<>();
        for (Under under : Under.values()) {
            if (under.parent == table) {
                List<Map<String, AttributeValue>> children = backoff.retried(() -> children(under, parentId));
                if (!children.isEmpty()) {
                    found.add(Map.entry(under, children));
                }
            }
        }
        if (found.isEmpty() && table != PurgeTable.CUSTOMERS) {
            return Optional.empty();
        }
        return Optional.of(item -> {
            if (table == PurgeTable.CUSTOMERS && item != null && item.containsKey(CustomerItem.BUSINESS_ID) && !dryRun) {
                releaseClaim(item.get(CustomerItem.BUSINESS_ID).s(), parentId);
            }
            found.forEach(f -> takeAll(f.getKey(), f.getValue()));
        });
    }

    /**
     * A cascade step retries throttling itself: once its parent is gone, a retry of the parent
     * would find nothing to cascade from. Should it still fail, the children fall to their own clocks.
     */
    private void takeAll(Under under, List<Map<String, AttributeValue>> children) {
        for (var child : children) {
            Outcome outcome = backoff.retried(() -> hasDependents(under.table)
                    ? deletes.deleteWith(under.table, child, under.due, this)
                    : deletes.delete(under.table, child, under.due));
            if (outcome == Outcome.DELETED) {
                report.recordCascade(under.table.category());
            } else if (outcome != Outcome.GONE) {
                report.record(under.table.category(), outcome);
            }
        }
    }

    private void releaseClaim(String businessId, String customerId) {
        // false: the business id has been claimed by another customer since
        tables.delete(RegisterTable.CUSTOMERS,
                Map.of(CustomerItem.CUSTOMER_ID, AttributeValue.fromS(CustomerRepository.CLAIM_PREFIX + businessId)),
                r -> r.conditionExpression(CustomerItem.CLAIMED_BY + " = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))));
    }

    /** The keys of the items under a parent. */
    private List<Map<String, AttributeValue>> children(Under under, String parentId) {
        PurgeTable table = under.table;
        Map<String, String> names = new HashMap<>(Map.of("#a", under.parentAttribute));
        StringBuilder projection = new StringBuilder();
        for (int i = 0; i < table.keyAttributes().size(); i++) {
            names.put("#k" + i, table.keyAttributes().get(i));
            projection.append(i == 0 ? "" : ", ").append("#k").append(i);
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        tables.query(table.table(), query -> {
            query.keyConditionExpression("#a = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(parentId)))
                    .expressionAttributeNames(names).projectionExpression(projection.toString());
            under.index.ifPresent(query::indexName);
        }, () -> true, page -> page.forEach(i -> keys.add(table.keyOf(i))));
        if (table == PurgeTable.CREDENTIALS) {
            // a credential's key holds its service (authentication data): read, so named (issue 14)
            keys.forEach(k -> audited.read(table, k));
        }
        return keys;
    }
}
