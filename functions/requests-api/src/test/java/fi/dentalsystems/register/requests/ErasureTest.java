package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure (GDPR art. 17) through the route against the engine: afterwards a scan of every table
 * finds the address only in the request evidence; the sole trader's billing record is kept and
 * restricted; other people's data is untouched; one answer is mailed, naming what was kept.
 */
class ErasureTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String PERSON = "Erkki.Erasure@Example.fi";

    @Test
    void afterErasureTheAddressRemainsOnlyInTheRequestEvidence() {
        Register register = ENGINE.register();
        var names = ENGINE.tableNamesByLogicalId();
        CustomerRepository customers = register.customers();
        ContactRepository contacts = register.contacts();
        HistoryRepository history = register.history();
        CredentialRepository credentials = register.credentials();
        RequestRepository requests = register.requests();
        // the person objected to marketing earlier: their peppered address hash is on the suppression list
        String suppressionKey = register.suppressionKeys().of(PERSON);
        register.suppression().suppress(suppressionKey, "req_x", NOW);

        // a sole trader: the organisation's own address is the person's
        Customer soleTrader = customers.create(Customers.aCustomer("0112038-9").withName("Erkki Erasure Tmi")
                .withEmail(PERSON.toLowerCase(Locale.ROOT)));
        Customer clinic = customers.create(Customers.aCustomer("1572860-0"));
        List<String> personContacts = new ArrayList<>();
        for (Customer c : List.of(soleTrader, clinic)) {
            Contact contact = contacts.create(Customers.aContact(c, PERSON).withName("Erkki Erasure")
                    .withPhone(Optional.of("+358401234567")));
            personContacts.add(contact.contactId());
            history.add(new HistoryEntry(c.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.PHONE,
                    "Erkki called about backups", Optional.of(contact.contactId()), DataSource.PHONE, "staff", NOW));
            CredentialItem credential = new CredentialItem();
            credential.setContactId(contact.contactId());
            credential.setService("dental-cloud");
            credential.setUsername("erkki");
            credentials.put(credential, java.time.Instant.parse("2026-01-01T00:00:00Z"));
        }
        Contact colleague = contacts.create(Customers.aContact(clinic, "kaisa@klinikka.example")
                .withName("Kaisa Colleague").withRoles(Set.of(ContactRole.BILLING)));
        HistoryEntry clinicNote = history.add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW,
                HistoryChannel.NOTE, "Contract renewed", Optional.empty(), DataSource.CUSTOMER, "staff", NOW));
        DataSubjectRequest earlier = requests.create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.EMAIL,
                PERSON, Optional.of("Erkki Erasure"), Optional.of("Please send Erkki's data"), Language.FI, "intake",
                NOW.minusSeconds(86_400)));
        DataSubjectRequest erasure = requests.create(Requests.verified(RequestLifecycle.receive(
                RequestType.ERASURE, RequestChannel.LETTER, PERSON, Optional.of("Erkki Erasure"),
                Optional.of("Erase everything about Erkki"), Language.EN, "staff", NOW)));

        List<Mail> sent = new ArrayList<>();
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.fixed(NOW, ZoneOffset.UTC), mail -> {
            sent.add(mail);
            return "sent";
        }, Map.of("PUBLIC_BASE_URL", "http://localhost"))));
        ApiClient.Answer done = complete(api, erasure.requestId());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("\"status\":\"COMPLETED\"");

        // every table, every attribute: the address is left only in the requests' own address field
        String needle = PERSON.toLowerCase(Locale.ROOT);
        for (String table : names.values()) {
            for (Map<String, AttributeValue> item : ENGINE.client().scan(r -> r.tableName(table)).items()) {
                item.forEach((attribute, value) -> {
                    boolean holds = value.toString().toLowerCase(Locale.ROOT).contains(needle)
                            || value.toString().contains("Erkki");
                    boolean evidence = table.equals(names.get("RequestsTable"))
                            && (attribute.equals("email") || attribute.equals("emailKey"));
                    boolean keptBillingRecord = table.equals(names.get("CustomersTable"))
                            && item.get("customerId").s().equals(soleTrader.customerId());
                    assertThat(holds && !evidence && !keptBillingRecord)
                            .as("%s.%s still holds the person", table, attribute).isFalse();
                });
            }
        }
        // the objection outlives the erasure (seed §12): only the hash is kept, and it still suppresses the person
        assertThat(register.suppression().isSuppressed(suppressionKey)).as("the suppression hash survives").isTrue();
        assertThat(register.suppression().isSuppressed(register.suppressionKeys().of(needle))).isTrue();
        Customer kept = customers.find(soleTrader.customerId()).orElseThrow();
        assertThat(kept.restriction()).hasValueSatisfying(r -> assertThat(r.reason()).contains("Accounting Act"));
        personContacts.forEach(id -> assertThat(contacts.find(id)).isEmpty());
        assertThat(credentials.ofContact(personContacts.get(0))).isEmpty();
        assertThat(contacts.find(colleague.contactId())).as("other people stay").isPresent();
        assertThat(history.ofCustomer(clinic.customerId(), 10, Optional.empty()).items())
                .extracting(HistoryEntry::entryId).containsExactly(clinicNote.entryId());
        assertThat(requests.find(earlier.requestId()).orElseThrow().details()).isEmpty();
        DataSubjectRequest evidence = requests.find(erasure.requestId()).orElseThrow();
        assertThat(evidence.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(evidence.name()).isEmpty();
        assertThat(evidence.details()).isEmpty();

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).text()).contains("0112038-9").contains("Accounting Act").doesNotContain("Klinikka");

        // completing again changes nothing and mails nothing
        assertThat(complete(api, erasure.requestId()).status()).isEqualTo(200);
        assertThat(sent).hasSize(1);
    }

    static ApiClient.Answer complete(ApiClient api, String requestId) {
        return api.call("POST", "/requests/{requestId}/complete",
                b -> b.path("requestId", requestId).caller("staff-9", ApiClient.STAFF));
    }
}
