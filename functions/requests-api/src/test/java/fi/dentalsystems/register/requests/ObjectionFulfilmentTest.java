package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Register register = new Register(ENGINE.setup(Clock.systemUTC(), mail -> {
            SENT.add(mail);
            return "sent";
        }, Map.of("SUPPRESSION_PEPPER", "test-pepper-with-enough-length")));
        contacts = register.contacts();
        customers = register.customers();
        suppression = register.suppression();
        requests = register.requests();
        keys = register.suppressionKeys();
        objections = register.objections();
    }

    private static Customer customer(String businessId) {
        return customers.create(Customers.aCustomer(businessId).withName("Testi Oy").withEmail("o@example.fi"));
    }

    private static Contact contact(Customer c, String email, ContactRole role) {
        return contacts.create(Customers.aContact(c, email).withRoles(Set.of(role)));
    }

    @Test
    void everyContactWithTheAddressObjectsAndTheAddressIsSuppressedOnce() {
        Customer a = customer("0112038-9");
        Customer b = customer("1572860-0");
        Contact first = contact(a, "aino@example.fi", ContactRole.TECHNICAL);
        Contact second = contact(b, "AINO@example.fi", ContactRole.DECISION_MAKER);
        Contact other = contact(b, "someone@example.fi", ContactRole.BILLING);

        DataSubjectRequest verified = requests.create(Requests.aVerifiedRequest(RequestType.OBJECTION,
                "aino@example.fi"));
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
