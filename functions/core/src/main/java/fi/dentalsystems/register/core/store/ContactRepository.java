package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.MarketingObjection;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Contacts table: persons in a customer's context. */
public final class ContactRepository {
    private static final int SCAN_PAGE = 100;

    private final DynamoDbTable<ContactItem> table;

    public ContactRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, ContactItem.SCHEMA);
    }

    public Optional<Contact> find(String contactId) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(contactId).build()))
                .map(ContactRepository::toContact);
    }

    public Contact create(Contact contact) {
        ContactItem item = toItem(contact, Optional.empty());
        item.setVersion(null);
        table.putItem(item);
        item.setVersion(1L);
        return toContact(item);
    }

    /** Writes the new state if the stored version is still {@code contact.version()}. */
    public Contact update(Contact contact) {
        return update(contact, Optional.empty());
    }

    /**
     * Writes the new state if the stored version is still {@code contact.version()}; the
     * retention clock runs from {@code relationshipEnded} when the customer's relationship has ended.
     */
    public Contact update(Contact contact, Optional<Instant> relationshipEnded) {
        ContactItem item = toItem(contact, relationshipEnded);
        try {
            // an update, not a put: attributes outside the item schema (a legal hold) survive the write
            table.updateItem(UpdateItemEnhancedRequest.builder(ContactItem.class).item(item).build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(TargetType.CONTACT);
        }
        item.setVersion(contact.version() + 1);
        return toContact(item);
    }

    /** Deletes the contact if its version is still {@code version}. */
    public void delete(String contactId, long version) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(contactId).build())
                    .conditionExpression(Expression.builder().expression("#v = :v")
                            .putExpressionName("#v", "version")
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(version))).build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(TargetType.CONTACT);
        }
    }

    /**
     * Applies {@code change} to the stored contact and writes it, re-reading when a concurrent
     * write wins. {@code change} answers empty to leave the contact as it is; the retention clock
     * runs from {@code relationshipEnded} of the contact's customer. True when this call wrote.
     */
    public boolean modify(String contactId, java.util.function.Function<Contact, Optional<Contact>> change,
                          java.util.function.Function<String, Optional<Instant>> relationshipEnded) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Contact> found = find(contactId);
            Optional<Contact> changed = found.flatMap(change);
            if (changed.isEmpty()) {
                return false;
            }
            try {
                update(changed.get(), relationshipEnded.apply(changed.get().customerId()));
                return true;
            } catch (StaleVersionException raced) {
                // changed meanwhile: read again
            }
        }
        throw new IllegalStateException("the contact kept changing under concurrent writes");
    }

    /**
     * Deletes the contact whatever its version (erasure: the person's request wins over edits).
     * Re-runnable: true when there was a contact to delete.
     */
    public boolean erase(String contactId) {
        return table.deleteItem(Key.builder().partitionValue(contactId).build()) != null;
    }

    /**
     * Ids (with their lookup keys) of the contacts whose lookup key (the normalised address) passes {@code matches}: a scan
     * reading only the id and the key, for the re-applied erasure that knows the person by the
     * address's peppered hash alone (decision 0017).
     */
    public java.util.SortedMap<String, String> idsWithEmailKey(Predicate<String> matches) {
        java.util.SortedMap<String, String> ids = new java.util.TreeMap<>();
        table.scan(ScanEnhancedRequest.builder().attributesToProject("contactId", "emailKey").build()).items()
                .forEach(i -> {
                    if (i.getEmailKey() != null && matches.test(i.getEmailKey())) {
                        ids.put(i.getContactId(), i.getEmailKey());
                    }
                });
        return ids;
    }

    public List<Contact> ofCustomer(String customerId) {
        return queryIndex(ContactItem.BY_CUSTOMER, customerId);
    }

    /** Every contact with this normalised address, across customers. */
    public List<Contact> withEmail(String emailKey) {
        return queryIndex(ContactItem.BY_EMAIL, emailKey);
    }

    private List<Contact> queryIndex(String index, String value) {
        List<Contact> result = new ArrayList<>();
        table.index(index).query(QueryConditional.keyEqualTo(Key.builder().partitionValue(value).build()))
                .forEach(page -> page.items().forEach(i -> result.add(toContact(i))));
        result.sort((a, b) -> a.contactId().compareTo(b.contactId()));
        return result;
    }

    /**
     * A page of contacts who do not object to marketing, further filtered in memory (for
     * example by their customer's state). Read as a scan: marketing lists read the whole
     * register by nature. The cursor is the key of the last contact examined.
     */
    public Page<Contact> notObjecting(Predicate<Contact> keep, int limit, Optional<String> cursor) {
        Optional<Map<String, AttributeValue>> start = PageCursor.decode(cursor, Set.of("contactId"), Map.of());
        Expression filter = Expression.builder().expression("attribute_not_exists(objectedAt)").build();
        List<Contact> result = new ArrayList<>();
        Map<String, AttributeValue> next = start.orElse(null);
        do {
            ScanEnhancedRequest.Builder scan = ScanEnhancedRequest.builder().limit(SCAN_PAGE).filterExpression(filter);
            if (next != null) {
                scan.exclusiveStartKey(next);
            }
            var page = table.scan(scan.build()).iterator().next();
            List<ContactItem> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                Contact contact = toContact(items.get(i));
                if (keep.test(contact)) {
                    result.add(contact);
                }
                if (result.size() == limit) {
                    boolean more = i < items.size() - 1 || page.lastEvaluatedKey() != null;
                    return new Page<>(result, more
                            ? PageCursor.encode(Map.of("contactId", AttributeValue.fromS(contact.contactId())))
                            : Optional.empty());
                }
            }
            next = page.lastEvaluatedKey();
        } while (next != null && !next.isEmpty());
        return new Page<>(result, Optional.empty());
    }

    private static ContactItem toItem(Contact c, Optional<Instant> relationshipEnded) {
        ContactItem item = new ContactItem();
        item.setContactId(c.contactId());
        item.setCustomerId(c.customerId());
        item.setName(c.name());
        item.setEmail(c.email());
        item.setEmailKey(emailKey(c.email()));
        item.setPhone(c.phone().orElse(null));
        item.setRoles(c.roles().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
        item.setSource(c.source().name());
        c.marketingObjection().ifPresent(o -> {
            item.setObjectedAt(o.objectedAt().toString());
            item.setObjectionRequestId(o.requestId().orElse(null));
        });
        item.setCreatedAt(c.createdAt().toString());
        item.setUpdatedAt(c.updatedAt().toString());
        c.restriction().ifPresent(r -> {
            item.setRestrictedAt(r.at().toString());
            item.setRestrictionRequestId(r.requestId());
        });
        item.setVersion(c.version());
        Retention.apply(fi.dentalsystems.register.core.retention.DataCategory.CONTACT, relationshipEnded, c.updatedAt(), (at, bucket) -> {
            item.setPurgeAt(at);
            item.setPurgeBucket(bucket);
        });
        return item;
    }

    /** The lookup key of an address: the whole address in lower case. */
    public static String emailKey(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static Contact toContact(ContactItem i) {
        Set<ContactRole> roles = EnumSet.noneOf(ContactRole.class);
        if (i.getRoles() != null) {
            i.getRoles().forEach(r -> roles.add(ContactRole.valueOf(r)));
        }
        Optional<MarketingObjection> objection = Optional.ofNullable(i.getObjectedAt())
                .map(at -> new MarketingObjection(Instant.parse(at), Optional.ofNullable(i.getObjectionRequestId())));
        return new Contact(i.getContactId(), i.getCustomerId(), i.getName(), i.getEmail(),
                Optional.ofNullable(i.getPhone()), roles, DataSource.valueOf(i.getSource()), objection,
                Instant.parse(i.getCreatedAt()), Instant.parse(i.getUpdatedAt()),
                Optional.ofNullable(i.getRestrictedAt()).map(at -> new Contact.Restriction(Instant.parse(at),
                        i.getRestrictionRequestId())), i.getVersion());
    }
}
