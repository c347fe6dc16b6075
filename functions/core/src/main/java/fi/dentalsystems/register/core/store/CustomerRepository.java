package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Customers table: the customer organisations and the claims that keep business ids unique. */
public final class CustomerRepository {
    /** A business-id claim's key in the Customers table: this prefix and the business id. */
    public static final String CLAIM_PREFIX = "businessId#";
    private static final int SCAN_PAGE = 100;

    private final DynamoDbTable<CustomerItem> table;

    public CustomerRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, CustomerItem.SCHEMA);
    }

    /** Filters of the customer list; {@code nameContains} is matched case-insensitively. */
    public record ListFilter(Optional<String> nameContains, Optional<String> businessId,
                             Optional<CustomerStatus> status) {
    }

    public Optional<Customer> find(String customerId) {
        CustomerItem item = table.getItem(Key.builder().partitionValue(customerId).build());
        return Optional.ofNullable(item).filter(i -> CustomerItem.CUSTOMER.equals(i.getRecordType()))
                .map(CustomerRepository::toCustomer);
    }

    /**
     * Stores a new customer after claiming its business id with a conditional put. Without
     * transactions a crash can leave a claim whose customer was never written; such a claim
     * is taken over, so a retry succeeds. Throws {@link DuplicateBusinessIdException}.
     */
    public Customer create(Customer customer) {
        claimBusinessId(customer.businessId(), customer.customerId());
        CustomerItem item = toItem(customer);
        item.setVersion(null); // the version extension writes 1 on attribute_not_exists
        table.putItem(item);
        item.setVersion(1L);
        return toCustomer(item);
    }

    private void claimBusinessId(String businessId, String customerId) {
        CustomerItem claim = new CustomerItem();
        claim.setCustomerId(CLAIM_PREFIX + businessId);
        claim.setRecordType(CustomerItem.BUSINESS_ID_CLAIM);
        claim.setClaimedBy(customerId);
        try {
            table.putItem(PutItemEnhancedRequest.builder(CustomerItem.class).item(claim)
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(customerId)").build())
                    .build());
        } catch (ConditionalCheckFailedException taken) {
            CustomerItem existing = table.getItem(Key.builder().partitionValue(CLAIM_PREFIX + businessId).build());
            String holder = existing == null ? null : existing.getClaimedBy();
            if (holder == null || find(holder).isPresent()) {
                throw new DuplicateBusinessIdException(String.valueOf(holder));
            }
            // orphaned claim (its customer was never written): take it over, but only if unchanged
            claim.setVersion(existing.getVersion());
            try {
                table.putItem(PutItemEnhancedRequest.builder(CustomerItem.class).item(claim)
                        .conditionExpression(Expression.builder()
                                .expression("claimedBy = :holder")
                                .putExpressionValue(":holder", AttributeValue.fromS(String.valueOf(holder)))
                                .build())
                        .build());
            } catch (ConditionalCheckFailedException raced) {
                throw new DuplicateBusinessIdException(holder);
            }
        }
    }

    /** Writes the new state if the stored version is still {@code customer.version()}. */
    public Customer update(Customer customer) {
        CustomerItem item = toItem(customer);
        try {
            // an update, not a put: attributes outside the item schema (a legal hold) survive the write
            table.updateItem(UpdateItemEnhancedRequest.builder(CustomerItem.class).item(item).build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException(TargetType.CUSTOMER);
        }
        item.setVersion(customer.version() + 1);
        return toCustomer(item);
    }

    public Optional<String> findIdByBusinessId(String businessId) {
        Iterator<software.amazon.awssdk.enhanced.dynamodb.model.Page<CustomerItem>> pages =
                table.index(CustomerItem.BY_BUSINESS_ID).query(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(businessId).build())).iterator();
        return pages.hasNext() ? pages.next().items().stream().map(CustomerItem::getCustomerId).findFirst()
                : Optional.empty();
    }

    /**
     * A page of customers. The register holds organisations, a table of thousands, so the
     * list is a filtered scan read in pages of {@value #SCAN_PAGE}; a business-id query uses
     * its index instead. The cursor is the key of the last item returned.
     */
    public Page<Customer> list(ListFilter filter, int limit, Optional<String> cursor) {
        if (filter.businessId().isPresent()) {
            List<Customer> found = findIdByBusinessId(filter.businessId().get()).flatMap(this::find)
                    .filter(c -> filter.status().map(s -> s == c.status()).orElse(true))
                    .stream().toList();
            return new Page<>(found, Optional.empty());
        }
        Optional<Map<String, AttributeValue>> start = PageCursor.decode(cursor, Set.of("customerId"), Map.of());
        StringBuilder condition = new StringBuilder("recordType = :customer");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":customer", AttributeValue.fromS(CustomerItem.CUSTOMER));
        filter.status().ifPresent(s -> {
            condition.append(" AND #status = :status");
            values.put(":status", AttributeValue.fromS(s.name()));
        });
        filter.nameContains().ifPresent(q -> {
            condition.append(" AND contains(nameKey, :q)");
            values.put(":q", AttributeValue.fromS(nameKey(q)));
        });
        Expression.Builder expression = Expression.builder().expression(condition.toString()).expressionValues(values);
        if (filter.status().isPresent()) {
            expression.putExpressionName("#status", "status");
        }
        List<Customer> result = new ArrayList<>();
        Map<String, AttributeValue> next = start.orElse(null);
        do {
            ScanEnhancedRequest.Builder scan = ScanEnhancedRequest.builder()
                    .limit(SCAN_PAGE).filterExpression(expression.build());
            if (next != null) {
                scan.exclusiveStartKey(next);
            }
            var page = table.scan(scan.build()).iterator().next();
            for (CustomerItem item : page.items()) {
                result.add(toCustomer(item));
                if (result.size() == limit) {
                    Map<String, AttributeValue> lastKey = Map.of("customerId", AttributeValue.fromS(item.getCustomerId()));
                    boolean more = page.items().indexOf(item) < page.items().size() - 1 || page.lastEvaluatedKey() != null;
                    return new Page<>(result, more ? PageCursor.encode(lastKey) : Optional.empty());
                }
            }
            next = page.lastEvaluatedKey();
        } while (next != null && !next.isEmpty());
        return new Page<>(result, Optional.empty());
    }

    /**
     * Customers whose own contact address is this one (a sole trader's, say). A scan — erasure is rare, the
     * table small — filtered in the table on the stored normalised address, so that no other organisation's
     * record reaches the function (every record read is audited, issue 14). An item written before
     * {@code emailKey} existed has none: it comes back and is matched here, until its next write gives it one.
     */
    public List<Customer> withEmail(String emailKey) {
        return scan(Expression.builder()
                .expression("recordType = :customer AND (#key = :key OR attribute_not_exists(#key))")
                .putExpressionName("#key", CustomerItem.EMAIL_KEY)
                .putExpressionValue(":customer", AttributeValue.fromS(CustomerItem.CUSTOMER))
                .putExpressionValue(":key", AttributeValue.fromS(emailKey)).build(), emailKey::equals);
    }

    /**
     * Customers whose own address's lookup key passes {@code matches} (the re-applied erasure's hash,
     * decision 0017): only the hash is known, so the table cannot filter and every customer record with an
     * address is matched here.
     */
    public List<Customer> withEmailKey(java.util.function.Predicate<String> matches) {
        return scan(Expression.builder().expression("recordType = :customer AND attribute_exists(email)")
                .putExpressionValue(":customer", AttributeValue.fromS(CustomerItem.CUSTOMER)).build(), matches);
    }

    private List<Customer> scan(Expression filter, java.util.function.Predicate<String> matches) {
        List<Customer> found = new ArrayList<>();
        table.scan(ScanEnhancedRequest.builder().filterExpression(filter).build()).items().forEach(i -> {
            if (i.getEmail() != null && matches.test(ContactRepository.emailKey(i.getEmail()))) {
                found.add(toCustomer(i));
            }
        });
        return found;
    }

    /**
     * When the customer's relationship ended (the retention clock of its contacts), read without any of
     * its personal data: a projection of the two technical attributes, so setting a contact's clock is
     * no read of the organisation's record (GDPR art. 5(1)(c); issue 14).
     */
    public Optional<Instant> relationshipEnded(String customerId) {
        var pages = table.query(software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(customerId).build()))
                .attributesToProject("recordType", CustomerItem.ENDED_AT).build()).iterator();
        return pages.hasNext() ? pages.next().items().stream()
                .filter(i -> CustomerItem.CUSTOMER.equals(i.getRecordType()))
                .findFirst().map(CustomerItem::getEndedAt).map(Instant::parse) : Optional.empty();
    }

    /**
     * Marks a record the law requires to keep (Accounting Act) as restricted: kept, but used for
     * nothing else. Does not change the record's data or version. Re-runnable.
     */
    public void restrict(String customerId, String reason, java.time.Instant at) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Customer> found = find(customerId);
            if (found.isEmpty() || found.get().restriction().isPresent()) {
                return;
            }
            Customer c = found.get();
            try {
                update(c.restricted(at, reason));
                return;
            } catch (StaleVersionException raced) {
                // changed meanwhile: read again
            }
        }
        throw new IllegalStateException("customer kept changing while it was being restricted");
    }

    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static CustomerItem toItem(Customer c) {
        CustomerItem item = new CustomerItem();
        item.setCustomerId(c.customerId());
        item.setRecordType(CustomerItem.CUSTOMER);
        item.setName(c.name());
        item.setNameKey(nameKey(c.name()));
        item.setBusinessId(c.businessId());
        item.setEmail(c.email());
        item.setEmailKey(c.email() == null ? null : ContactRepository.emailKey(c.email()));
        item.setPhone(c.phone());
        item.setStreet(c.billingAddress().street());
        item.setPostalCode(c.billingAddress().postalCode());
        item.setCity(c.billingAddress().city());
        item.setCountry(c.billingAddress().country());
        item.setEInvoiceAddress(c.eInvoiceAddress().orElse(null));
        item.setStatus(c.status().name());
        item.setEndedAt(c.endedAt().map(Instant::toString).orElse(null));
        item.setMarketingOptOut(c.marketingOptOut());
        c.restriction().ifPresent(r -> {
            item.setRestrictedAt(r.at().toString());
            item.setRestrictionReason(r.reason());
        });
        item.setCreatedAt(c.createdAt().toString());
        item.setUpdatedAt(c.updatedAt().toString());
        item.setVersion(c.version());
        // billing records: to the end of the year the relationship ended, then six years
        Retention.apply(fi.dentalsystems.register.core.retention.DataCategory.CUSTOMER, c.endedAt(), c.updatedAt(), (at, bucket) -> {
            item.setPurgeAt(at);
            item.setPurgeBucket(bucket);
        });
        return item;
    }

    private static Customer toCustomer(CustomerItem i) {
        return new Customer(i.getCustomerId(), i.getName(), i.getBusinessId(), i.getEmail(), i.getPhone(),
                new BillingAddress(i.getStreet(), i.getPostalCode(), i.getCity(), i.getCountry()),
                Optional.ofNullable(i.getEInvoiceAddress()), CustomerStatus.valueOf(i.getStatus()),
                Optional.ofNullable(i.getEndedAt()).map(Instant::parse),
                Boolean.TRUE.equals(i.getMarketingOptOut()),
                Optional.ofNullable(i.getRestrictedAt()).map(at -> new Customer.Restriction(Instant.parse(at),
                        i.getRestrictionReason())),
                Instant.parse(i.getCreatedAt()), Instant.parse(i.getUpdatedAt()), i.getVersion());
    }
}
