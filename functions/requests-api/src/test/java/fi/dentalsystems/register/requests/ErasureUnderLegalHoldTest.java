package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Register register = ENGINE.register();
        ContactRepository contacts = register.contacts();
        RequestRepository requests = register.requests();
        List<String> ids = new ArrayList<>();
        List<Customer> both = new ArrayList<>();
        for (String businessId : List.of("0112038-9", "1572860-0")) {
            Customer c = register.customers().create(Customers.aCustomer(businessId).withName("Klinikka " + businessId));
            both.add(c);
            ids.add(contacts.create(Customers.aContact(c, PERSON).withName("Tuula Tarkka")).contactId());
        }
        register.holds().place(HoldTarget.CUSTOMER, both.get(0).customerId(), new LegalHold(Instant.parse("2028-01-01T00:00:00Z"),
                "dispute over the 2025 licence invoices", "admin-1", NOW));
        DataSubjectRequest erasure = requests.create(Requests.aVerifiedRequest(RequestType.ERASURE, PERSON));

        List<Mail> sent = new ArrayList<>();
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.fixed(NOW, ZoneOffset.UTC), mail -> {
            sent.add(mail);
            return "sent";
        }, Map.of("PUBLIC_BASE_URL", "http://localhost"))));
        assertThat(ErasureTest.complete(api, erasure.requestId()).status()).isEqualTo(200);
        assertThat(ErasureTest.complete(api, erasure.requestId()).status()).as("a retried completion").isEqualTo(200);

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
