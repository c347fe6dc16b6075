package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.store.AuditAnchorItem;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clean register in the test engine, written through the real repositories (so items carry
 * the purgeAt/purgeBucket the writers compute), and a purge to run on it at a given instant.
 */
final class PurgeFixture {
    private static final AtomicInteger BUSINESS_IDS = new AtomicInteger();
    /** The purge hashes the address of each request it minimises with the suppression pepper. */
    static final String PEPPER = "purge-test-pepper-of-enough-length";

    final DynamoDbClient db;
    final DynamoDbEngine.TableSet tables;
    final CustomerRepository customers;
    final ContactRepository contacts;
    final HistoryRepository history;
    final CredentialRepository credentials;
    final RequestRepository requests;

    PurgeFixture(DynamoDbEngine engine) {
        this.db = engine.client();
        this.tables = engine.freshTables();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(db).build();
        customers = new CustomerRepository(enhanced, name(RegisterTable.CUSTOMERS));
        contacts = new ContactRepository(enhanced, name(RegisterTable.CONTACTS));
        history = new HistoryRepository(enhanced, name(RegisterTable.HISTORY));
        credentials = new CredentialRepository(enhanced, name(RegisterTable.CREDENTIALS));
        requests = new RequestRepository(enhanced, name(RegisterTable.REQUESTS));
    }

    String name(RegisterTable table) {
        return tables.names().nameOf(table);
    }

    /** The purge function as Lambda would build it, its clock at {@code now}. */
    RetentionPurgeHandler purge(Instant now, String firstDay) {
        return purge(now, firstDay, RetentionPurge.BatchRead.none(), millis -> { });
    }

    /** The same with {@code inFlight} deletes at once (1: one after another). */
    RetentionPurgeHandler purge(Instant now, String firstDay, int inFlight) {
        return new RetentionPurgeHandler(new HandlerSetup(db, tables.names(), Clock.fixed(now, ZoneOffset.UTC), mail -> {
            throw new IllegalStateException("the purge sends no mail");
        }, RegisterVariables.with(Map.of("PURGE_FIRST_DAY", firstDay, "SUPPRESSION_PEPPER", PEPPER,
                "PURGE_IN_FLIGHT", Integer.toString(inFlight)))), report -> { }, RetentionPurge.BatchRead.none(),
                millis -> { });
    }

    RetentionPurgeHandler purge(Instant now, String firstDay, RetentionPurge.BatchRead batchRead,
                                Backoff.Sleeper sleeper) {
        return purge(db, now, firstDay, batchRead, sleeper);
    }

    /** The purge on another client (a recording one, say) to the same tables. */
    RetentionPurgeHandler purge(DynamoDbClient client, Instant now, String firstDay, RetentionPurge.BatchRead batchRead,
                                Backoff.Sleeper sleeper) {
        return new RetentionPurgeHandler(new HandlerSetup(client, tables.names(), Clock.fixed(now, ZoneOffset.UTC), mail -> {
            throw new IllegalStateException("the purge sends no mail");
        }, RegisterVariables.with(Map.of("PURGE_FIRST_DAY", firstDay, "SUPPRESSION_PEPPER", PEPPER))), report -> { },
                batchRead, sleeper);
    }

    Customer customer(Instant at) {
        int n = BUSINESS_IDS.incrementAndGet();
        return customers.create(new Customer(Customer.ID_PREFIX + Ulid.next(at), "Hammaslääkäri Oy " + n,
                SampleBusinessIds.nth(n), "info" + n + "@klinikka.example", "+358401234567",
                new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(), CustomerStatus.ACTIVE,
                Optional.empty(), false, Optional.empty(), at, at, 0));
    }

    /** Ends the relationship as {@code POST /customers/{id}/end} does: the customer, then its contacts' clocks. */
    Customer end(Customer c, Instant at) {
        return end(c, at, at);
    }

    /** An end recorded later than it happened (an old relationship entered now): its clocks may have run out already. */
    Customer end(Customer c, Instant at, Instant recordedAt) {
        Customer current = customers.find(c.customerId()).orElseThrow();
        Customer ended = customers.update(new Customer(current.customerId(), current.name(), current.businessId(),
                current.email(), current.phone(), current.billingAddress(), current.eInvoiceAddress(), CustomerStatus.ENDED,
                Optional.of(at), current.marketingOptOut(), current.restriction(), current.createdAt(), recordedAt,
                current.version()));
        contacts.ofCustomer(c.customerId()).forEach(k -> contacts.modify(k.contactId(), Optional::of,
                id -> Optional.of(at)));
        return ended;
    }

    Contact contact(Customer c, String email, Instant at) {
        return contacts.create(new Contact(Contact.ID_PREFIX + Ulid.next(at), c.customerId(), "Maija Meikäläinen",
                email, Optional.empty(), Set.of(ContactRole.TECHNICAL), DataSource.CUSTOMER, Optional.empty(), at, at, 0));
    }

    HistoryEntry historyEntry(Customer c, Optional<String> contactId, Instant occurredAt, Instant recordedAt) {
        return history.add(new HistoryEntry(c.customerId(), HistoryEntry.ID_PREFIX + Ulid.next(recordedAt), occurredAt,
                HistoryChannel.PHONE, "Support call about the booking calendar", contactId, DataSource.PHONE, "staff",
                recordedAt));
    }

    CredentialItem credential(String contactId, String service, Optional<Instant> lastSignIn, Instant writtenAt) {
        CredentialItem item = new CredentialItem();
        item.setContactId(contactId);
        item.setService(service);
        item.setUsername("user-" + service);
        lastSignIn.ifPresent(t -> item.setLastSignInAt(t.toString()));
        credentials.put(item, writtenAt);
        return item;
    }

    /** A request received at {@code at} and rejected (closed) at {@code closedAt}. */
    DataSubjectRequest closedRequest(String email, Instant at, Instant closedAt) {
        DataSubjectRequest r = requests.create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER, email,
                Optional.of("Matti Virtanen"), Optional.empty(), Language.FI, "staff", at));
        return requests.update(RequestLifecycle.reject(r, "not identified", "staff", closedAt));
    }

    /** The same, already reduced to evidence (as the purge leaves it 30 days after it closed): its second clock runs. */
    DataSubjectRequest minimisedRequest(String email, Instant at, Instant closedAt) {
        DataSubjectRequest closed = closedRequest(email, at, closedAt);
        return requests.update(closed.reducedToEvidence("hash-of-" + email, closedAt.plusSeconds(30L * 24 * 3600)));
    }

    /** Writes one audit entry at {@code at} (its own clock: 24 months from writing). */
    String auditEntry(Instant at, String targetId) {
        AuditLog log = new AuditLog(DynamoDbEnhancedClient.builder().dynamoDbClient(db).build(),
                name(RegisterTable.AUDIT), Clock.fixed(at, ZoneOffset.UTC));
        log.record(new AuditLog.Access(new Caller("staff-1", Set.of()), "GET /customers/{customerId}", "r-1",
                "customer-relationship"), AuditAction.READ, new AuditTarget(TargetType.CUSTOMER, targetId));
        return targetId;
    }

    boolean exists(RegisterTable table, Map<String, AttributeValue> key) {
        return db.getItem(r -> r.tableName(name(table)).key(key).consistentRead(true)).hasItem();
    }

    int count(RegisterTable table) {
        int n = 0;
        for (var page : db.scanPaginator(r -> r.tableName(name(table)).select("COUNT"))) {
            n += page.count();
        }
        return n;
    }

    List<Map<String, AttributeValue>> all(RegisterTable table) {
        List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        db.scanPaginator(r -> r.tableName(name(table))).forEach(page -> items.addAll(page.items()));
        return items;
    }

    /**
     * The audit table's entries, without the chains' anchors: anchors share the table (decision 0012)
     * but are heads of chains, not entries about anyone.
     */
    List<Map<String, AttributeValue>> auditEntries() {
        return all(RegisterTable.AUDIT).stream()
                .filter(i -> !i.get(AuditItem.DAY).s().startsWith(AuditAnchorItem.PARTITION_PREFIX)).toList();
    }

    static Map<String, AttributeValue> key(String attribute, String value) {
        return Map.of(attribute, AttributeValue.fromS(value));
    }
}
