package fi.dentalsystems.register.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The access export: the person's own data, each category with its reasons, valid against the published schema. */
class AccessExportTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theExportHoldsThePersonsDataOnlyAndMatchesItsSchema() throws Exception {
        Register register = ENGINE.register();
        Customer clinic = register.customers().create(Customers.aCustomer("0112038-9"));
        ContactRepository contacts = register.contacts();
        Contact anna = contacts.create(Customers.aContact(clinic, "anna@example.fi").withName("Anna Access")
                .withSource(DataSource.PUBLIC_REGISTER));
        contacts.create(Customers.aContact(clinic, "bertta@example.fi").withName("Bertta Bystander")
                .withRoles(Set.of(ContactRole.BILLING)));
        HistoryRepository history = register.history();
        history.add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.PHONE,
                "Anna asked about backups", Optional.of(anna.contactId()), DataSource.PHONE, "staff", NOW));
        history.add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.NOTE,
                "Bertta's invoice question", Optional.empty(), DataSource.CUSTOMER, "staff", NOW));
        RequestRepository requests = register.requests();
        DataSubjectRequest unverified = requests.create(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.LETTER, "anna@example.fi", Optional.empty(), Optional.empty(), Language.EN, "staff", NOW));
        DataSubjectRequest verified = requests.update(RequestLifecycle.verifyByStaff(unverified, "staff", "letter", NOW));

        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> "sent",
                Map.of("PUBLIC_BASE_URL", "http://localhost"))));
        ApiClient.Answer response = api.call("GET", "/requests/{requestId}/export",
                b -> b.path("requestId", verified.requestId()).caller("staff-4", ApiClient.STAFF));
        assertThat(response.status()).isEqualTo(200);

        String schema = Files.readString(RepositoryRoot.find().resolve("docs/schemas/access-export.schema.json"));
        var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema, InputFormat.JSON)
                .validate(response.body(), InputFormat.JSON);
        assertThat(errors).as("valid against docs/schemas/access-export.schema.json").isEmpty();

        JsonNode export = response.json();
        assertThat(response.body()).contains("Anna Access").contains("Anna asked about backups")
                .doesNotContain("Bertta").doesNotContain("bertta@");
        JsonNode contactsCategory = export.path("categories").get(0);
        assertThat(contactsCategory.path("items").get(0).path("source").asText()).isEqualTo("PUBLIC_REGISTER");
        assertThat(contactsCategory.path("retention").path("period").asText()).isEqualTo("P24M");
        // Anna is a technical contact: the helpdesk processor may see her record, the invoicing one may not
        assertThat(contactsCategory.path("recipients").findValuesAsText("name")).containsExactly("Esimerkki Tukipalvelut Oy");
        assertThat(contactsCategory.path("recipients").get(0).path("purposes").toString())
                .isEqualTo("[\"technical-support\",\"fault-notices\"]");
        JsonNode requestsCategory = export.path("categories").get(4);
        assertThat(requestsCategory.path("id").asText()).isEqualTo("requests");
        assertThat(requestsCategory.path("recipients")).as("requests are the controller's own").isEmpty();
        assertThat(export.path("recipients").asText()).contains("not disclosed to outside parties")
                .contains("named under a category");
        assertThat(export.path("transfers").asText()).contains("not transferred outside the EU");

        // not before the requester is verified
        DataSubjectRequest other = requests.create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER,
                "anna@example.fi", Optional.empty(), Optional.empty(), Language.EN, "staff", NOW));
        assertThat(api.call("GET", "/requests/{requestId}/export",
                b -> b.path("requestId", other.requestId()).caller("staff-4", ApiClient.STAFF)).status()).isEqualTo(409);
    }
}
