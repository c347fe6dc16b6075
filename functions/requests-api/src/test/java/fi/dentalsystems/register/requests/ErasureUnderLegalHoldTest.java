package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure meets a legal hold (GDPR art. 17(3)(e)): the person's contact record under a held
 * customer is kept and restricted, the one that is not held is erased, and the answer says what
 * was kept and why; a retried completion sends nothing more.
 */
class ErasureUnderLegalHoldTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String PERSON = "tuula.tarkka@example.fi";

    @Test
    void aHeldContactRecordIsKeptRestrictedAndNamedInTheAnswer() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build();
        var names = ENGINE.tableNamesByLogicalId();
        CustomerRepository customers = new CustomerRepository(enhanced, names.get("CustomersTable"));
        ContactRepository contacts = new ContactRepository(enhanced, names.get("ContactsTable"));
        RequestRepository requests = new RequestRepository(enhanced, names.get("RequestsTable"));
        LegalHolds holds = new LegalHolds(ENGINE.client(), ENGINE.tables());
        List<String> ids = new ArrayList<>();
        List<Customer> both = new ArrayList<>();
        for (String businessId : List.of("0112038-9", "1572860-0")) {
            Customer c = customers.create(new Customer(Customer.ID_PREFIX + Ulid.next(NOW), "Klinikka " + businessId,
                    businessId, "office@klinikka.example", "+358912345679", new BillingAddress("Katu 2", "00100", "Helsinki", "FI"),
                    Optional.empty(), CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), NOW, NOW, 0));
            both.add(c);
            ids.add(contacts.create(new Contact(Contact.ID_PREFIX + Ulid.next(NOW), c.customerId(), "Tuula Tarkka", PERSON,
                    Optional.empty(), Set.of(ContactRole.TECHNICAL), DataSource.CUSTOMER, Optional.empty(), NOW, NOW, 0))
                    .contactId());
        }
        holds.place(HoldTarget.CUSTOMER, both.get(0).customerId(), new LegalHold(Instant.parse("2028-01-01T00:00:00Z"),
                "dispute over the 2025 licence invoices", "admin-1", NOW));
        DataSubjectRequest erasure = requests.create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(
                RequestType.ERASURE, RequestChannel.LETTER, PERSON, Optional.empty(), Optional.empty(), Language.FI,
                "staff", NOW), "staff", "signed letter", NOW));

        List<Mail> sent = new ArrayList<>();
        RequestsApiHandler handler = new RequestsApiHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(),
                Clock.fixed(NOW, ZoneOffset.UTC), mail -> {
                    sent.add(mail);
                    return "sent";
                }, Map.of("PUBLIC_BASE_URL", "http://localhost")));
        assertThat(ErasureTest.complete(handler, erasure.requestId()).getStatusCode()).isEqualTo(200);
        assertThat(ErasureTest.complete(handler, erasure.requestId()).getStatusCode()).as("a retried completion").isEqualTo(200);

        assertThat(contacts.find(ids.get(0))).as("held: kept").hasValueSatisfying(c ->
                assertThat(c.restriction()).hasValueSatisfying(r -> assertThat(r.requestId()).isEqualTo(erasure.requestId())));
        assertThat(contacts.find(ids.get(1))).as("not held: erased").isEmpty();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).text()).contains("1 yhteystietoasi säilytetään oikeudellisen vaateen vuoksi")
                .doesNotContain("dispute");
        assertThat(requests.find(erasure.requestId()).orElseThrow().events())
                .anySatisfy(e -> assertThat(e.note()).hasValueSatisfying(n -> assertThat(n).contains("legal hold")));
    }
}
