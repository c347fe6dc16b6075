package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objection (seed §12) applied to the register: every contact with the address objects,
 * the hashed address is suppressed, the request completes, one confirmation goes out. Issue 4
 * wires it to the moment of verification; this proves the rule and its re-runnability.
 */
class ObjectionFulfilmentTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final List<Mail> SENT = new ArrayList<>();
    static ContactRepository contacts;
    static CustomerRepository customers;
    static SuppressionRepository suppression;
    static RequestRepository requests;
    static SuppressionKey keys;
    static ObjectionFulfilment objections;

    @BeforeAll
    static void setUp() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build();
        contacts = new ContactRepository(enhanced, ENGINE.tableNamesByLogicalId().get("ContactsTable"));
        customers = new CustomerRepository(enhanced, ENGINE.tableNamesByLogicalId().get("CustomersTable"));
        suppression = new SuppressionRepository(enhanced, ENGINE.tableNamesByLogicalId().get("SuppressionTable"));
        requests = new RequestRepository(enhanced, ENGINE.tableNamesByLogicalId().get("RequestsTable"));
        keys = new SuppressionKey(Pepper.of("test-pepper-with-enough-length"));
        objections = new ObjectionFulfilment(contacts, customers, suppression, keys, requests,
                new AuditLog(enhanced, ENGINE.tableNamesByLogicalId().get("AuditTable"), Clock.systemUTC()), mail -> {
                    SENT.add(mail);
                    return "sent";
                });
    }

    private static Customer customer(String businessId) {
        return customers.create(new Customer(Customer.ID_PREFIX + Ulid.next(NOW), "Testi Oy", businessId, "o@example.fi",
                "+358912345678", new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(),
                CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), NOW, NOW, 0));
    }

    private static Contact contact(Customer c, String email, ContactRole role) {
        return contacts.create(new Contact(Contact.ID_PREFIX + Ulid.next(NOW), c.customerId(), "Aino Testi", email,
                Optional.empty(), Set.of(role), DataSource.CUSTOMER, Optional.empty(), NOW, NOW, 0));
    }

    @Test
    void everyContactWithTheAddressObjectsAndTheAddressIsSuppressedOnce() {
        Customer a = customer("0112038-9");
        Customer b = customer("1572860-0");
        Contact first = contact(a, "aino@example.fi", ContactRole.TECHNICAL);
        Contact second = contact(b, "AINO@example.fi", ContactRole.DECISION_MAKER);
        Contact other = contact(b, "someone@example.fi", ContactRole.BILLING);

        DataSubjectRequest verified = requests.create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(
                RequestType.OBJECTION, RequestChannel.LETTER, "aino@example.fi", Optional.empty(), Optional.empty(),
                Language.FI, "staff", NOW), "staff", "signed letter", NOW));
        AuditLog.Access access = new AuditLog.Access(new Caller("staff", Set.of()), "test", "r1", "direct-marketing");

        DataSubjectRequest done = objections.fulfil(verified, access, NOW);

        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(contacts.find(first.contactId()).orElseThrow().marketingObjection())
                .hasValueSatisfying(o -> assertThat(o.requestId()).contains(verified.requestId()));
        assertThat(contacts.find(second.contactId()).orElseThrow().objectsToMarketing()).isTrue();
        assertThat(contacts.find(other.contactId()).orElseThrow().objectsToMarketing()).isFalse();
        assertThat(suppression.isSuppressed(keys.of("Aino@Example.fi"))).isTrue();
        assertThat(suppression.suppressedAmong(List.of(keys.of("aino@example.fi"), keys.of("someone@example.fi"))))
                .containsExactly(keys.of("aino@example.fi"));
        assertThat(SENT).hasSize(1);
        assertThat(SENT.get(0).to()).isEqualTo("aino@example.fi");
        assertThat(SENT.get(0).text()).doesNotContain("Testi Oy");

        // run again on the completed request: nothing changes, no second mail
        DataSubjectRequest again = objections.fulfil(requests.find(verified.requestId()).orElseThrow(), access, NOW);
        assertThat(again.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(SENT).hasSize(1);
    }
}
