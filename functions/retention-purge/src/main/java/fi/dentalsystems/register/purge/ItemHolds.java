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

/**
 * The legal holds an item is under: its own, and those through what it hangs under — a contact
 * through its customer, a credential through its contact (the contact's own hold or its
 * customer's), a history entry through its customer. Each parent is read once per invocation,
 * however many children it has.
 */
final class ItemHolds {
    private final MeteredTables tables;
    private final Instant now;
    private final Map<String, Optional<Instant>> customerHold = new HashMap<>();
    private final Map<String, Optional<String>> contactParent = new HashMap<>();
    private final Map<String, Optional<Instant>> contactHold = new HashMap<>();

    ItemHolds(MeteredTables tables, Instant now) {
        this.tables = tables;
        this.now = now;
    }

    /** When the hold on what the item hangs under ends, if one holds now. */
    Optional<Instant> throughParent(PurgeTable table, Map<String, AttributeValue> key) {
        return switch (table) {
            case CONTACTS -> parentOf(key.get(ContactItem.CONTACT_ID).s()).flatMap(this::customerHold);
            case CREDENTIALS -> contactHold(key.get(CredentialItem.CONTACT_ID).s());
            case HISTORY -> customerHold(key.get(HistoryItem.CUSTOMER_ID).s());
            case CUSTOMERS, REQUESTS, AUDIT -> Optional.empty();
        };
    }

    /** When the item's own hold ends, if it holds at {@code now}. */
    static Optional<Instant> own(Map<String, AttributeValue> item, Instant now) {
        AttributeValue hold = item == null ? null : item.get(LegalHolds.HOLD_UNTIL);
        return hold == null || Long.parseLong(hold.n()) <= now.getEpochSecond() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Long.parseLong(hold.n())));
    }

    /** When the customer's hold ends, if it holds now. */
    private Optional<Instant> customerHold(String customerId) {
        return customerHold.computeIfAbsent(customerId, id -> own(tables.judged(PurgeTable.CUSTOMERS,
                Map.of(CustomerItem.CUSTOMER_ID, AttributeValue.fromS(id))), now));
    }

    /** A contact is held by its own hold or its customer's: until the later of them ends. */
    private Optional<Instant> contactHold(String contactId) {
        Optional<Instant> known = contactHold.get(contactId);
        if (known != null) {
            return known;
        }
        Map<String, AttributeValue> contact = contactWithParent(contactId);
        Optional<Instant> own = own(contact, now);
        Optional<Instant> parent = contact != null && contact.containsKey(ContactItem.CUSTOMER_ID)
                ? customerHold(contact.get(ContactItem.CUSTOMER_ID).s()) : Optional.empty();
        Optional<Instant> hold = own.isEmpty() ? parent : parent.isEmpty() ? own
                : Optional.of(own.get().isAfter(parent.get()) ? own.get() : parent.get());
        contactHold.put(contactId, hold);
        return hold;
    }

    private Optional<String> parentOf(String contactId) {
        if (!contactParent.containsKey(contactId)) {
            contactWithParent(contactId);
        }
        return contactParent.get(contactId);
    }

    private Map<String, AttributeValue> contactWithParent(String contactId) {
        Map<String, AttributeValue> item = tables.get(RegisterTable.CONTACTS,
                Map.of(ContactItem.CONTACT_ID, AttributeValue.fromS(contactId)),
                r -> r.projectionExpression("#c, #h").expressionAttributeNames(Map.of("#c", ContactItem.CUSTOMER_ID,
                        "#h", LegalHolds.HOLD_UNTIL)));
        contactParent.put(contactId, Optional.ofNullable(item).map(i -> i.get(ContactItem.CUSTOMER_ID))
                .map(AttributeValue::s));
        return item;
    }
}
