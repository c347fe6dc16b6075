package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.ContactItem;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CustomerItem;
import fi.dentalsystems.register.core.store.HistoryItem;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.RegisterTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The legal holds an item is under: its own, and those through what it hangs under — a contact
 * through its customer, a credential through its contact (the contact's own hold or its
 * customer's), a history entry through its customer. Holds are few: instead of reading each
 * parent, the purge reads the held customers and contacts from their sparse {@code byHold}
 * indexes (and the contacts under a held customer) and judges parents from that, read again
 * every {@value #FRESH_MILLIS} ms of the run (docs/decisions/0016). An item's own hold is
 * checked by its own conditional delete.
 */
final class ItemHolds {
    /** How old the held parents may get before they are read again: a hold placed meanwhile counts within it. */
    static final long FRESH_MILLIS = 10_000;
    static final String BY_HOLD = "byHold";

    private final MeteredTables tables;
    private final Instant now;
    private final LongSupplier wallMillis;
    private Map<String, Instant> customers = Map.of();
    private Map<String, Instant> contacts = Map.of();
    private final Map<String, Instant> underHeldCustomer = new HashMap<>();
    private long readAt;
    private boolean read;

    ItemHolds(MeteredTables tables, Instant now, LongSupplier wallMillis) {
        this.tables = tables;
        this.now = now;
        this.wallMillis = wallMillis;
    }

    /** When the hold on what the item hangs under ends, if one holds now. */
    synchronized Optional<Instant> throughParent(PurgeTable table, Map<String, AttributeValue> key) {
        if (!read || wallMillis.getAsLong() - readAt >= FRESH_MILLIS) {
            read();
        }
        return switch (table) {
            case CONTACTS -> Optional.ofNullable(underHeldCustomer.get(key.get(ContactItem.CONTACT_ID).s()));
            case CREDENTIALS -> {
                // a contact is held by its own hold or its customer's: until the later of them ends
                String contactId = key.get(CredentialItem.CONTACT_ID).s();
                Optional<Instant> own = Optional.ofNullable(contacts.get(contactId));
                Optional<Instant> parent = Optional.ofNullable(underHeldCustomer.get(contactId));
                yield own.isEmpty() ? parent : parent.isEmpty() ? own : Optional.of(later(own.get(), parent.get()));
            }
            case HISTORY -> Optional.ofNullable(customers.get(key.get(HistoryItem.CUSTOMER_ID).s()));
            case CUSTOMERS, REQUESTS, AUDIT -> Optional.empty();
        };
    }

    /** When the item's own hold ends, if it holds at {@code now}. */
    static Optional<Instant> own(Map<String, AttributeValue> item, Instant now) {
        AttributeValue hold = item == null ? null : item.get(LegalHolds.HOLD_UNTIL);
        return hold == null || Long.parseLong(hold.n()) <= now.getEpochSecond() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Long.parseLong(hold.n())));
    }

    private void read() {
        read = true;
        readAt = wallMillis.getAsLong();
        customers = held(RegisterTable.CUSTOMERS, CustomerItem.CUSTOMER_ID);
        contacts = held(RegisterTable.CONTACTS, ContactItem.CONTACT_ID);
        underHeldCustomer.clear();
        customers.forEach((customerId, ends) -> tables.query(RegisterTable.CONTACTS, q -> q.indexName(ContactItem.BY_CUSTOMER)
                        .keyConditionExpression("#c = :c").projectionExpression("#k")
                        .expressionAttributeNames(Map.of("#c", ContactItem.CUSTOMER_ID, "#k", ContactItem.CONTACT_ID))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))),
                () -> true, page -> page.forEach(c -> underHeldCustomer.merge(c.get(ContactItem.CONTACT_ID).s(), ends,
                        ItemHolds::later))));
    }

    private Map<String, Instant> held(RegisterTable table, String keyAttribute) {
        Map<String, Instant> held = new HashMap<>();
        tables.scan(table, BY_HOLD, page -> page.forEach(item -> own(item, now)
                .ifPresent(ends -> held.put(item.get(keyAttribute).s(), ends))));
        return held;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
