package fi.dentalsystems.register.requests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
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
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.OpenApiContract;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

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
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build();
        var names = ENGINE.tableNamesByLogicalId();
        Customer clinic = new CustomerRepository(enhanced, names.get("CustomersTable")).create(new Customer(
                Customer.ID_PREFIX + Ulid.next(NOW), "Klinikka Oy", "0112038-9", "office@klinikka.example",
                "+358912345678", new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(),
                CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), NOW, NOW, 0));
        ContactRepository contacts = new ContactRepository(enhanced, names.get("ContactsTable"));
        Contact anna = contacts.create(new Contact(Contact.ID_PREFIX + Ulid.next(NOW), clinic.customerId(), "Anna Access",
                "anna@example.fi", Optional.empty(), Set.of(ContactRole.TECHNICAL), DataSource.PUBLIC_REGISTER,
                Optional.empty(), NOW, NOW, 0));
        contacts.create(new Contact(Contact.ID_PREFIX + Ulid.next(NOW), clinic.customerId(), "Bertta Bystander",
                "bertta@example.fi", Optional.empty(), Set.of(ContactRole.BILLING), DataSource.CUSTOMER,
                Optional.empty(), NOW, NOW, 0));
        HistoryRepository history = new HistoryRepository(enhanced, names.get("HistoryTable"));
        history.add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.PHONE,
                "Anna asked about backups", Optional.of(anna.contactId()), DataSource.PHONE, "staff", NOW));
        history.add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.NOTE,
                "Bertta's invoice question", Optional.empty(), DataSource.CUSTOMER, "staff", NOW));
        RequestRepository requests = new RequestRepository(enhanced, names.get("RequestsTable"));
        DataSubjectRequest unverified = requests.create(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.LETTER, "anna@example.fi", Optional.empty(), Optional.empty(), Language.EN, "staff", NOW));
        DataSubjectRequest verified = requests.update(RequestLifecycle.verifyByStaff(unverified, "staff", "letter", NOW));

        RequestsApiHandler handler = new RequestsApiHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(),
                Clock.systemUTC(), mail -> "sent", Map.of("PUBLIC_BASE_URL", "http://localhost")));
        var event = HttpApiEvents.request("GET", "/requests/{requestId}/export").path("requestId", verified.requestId())
                .caller("staff-4", "register-staff").build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        OpenApiContract.load().assertConforms("GET", "/requests/{requestId}/export", response.getStatusCode(),
                response.getHeaders(), null, null, response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(200);

        String schema = Files.readString(RepositoryRoot.find().resolve("docs/schemas/access-export.schema.json"));
        var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema, InputFormat.JSON)
                .validate(response.getBody(), InputFormat.JSON);
        assertThat(errors).as("valid against docs/schemas/access-export.schema.json").isEmpty();

        JsonNode export = new ObjectMapper().readTree(response.getBody());
        assertThat(response.getBody()).contains("Anna Access").contains("Anna asked about backups")
                .doesNotContain("Bertta").doesNotContain("bertta@");
        JsonNode contactsCategory = export.path("categories").get(0);
        assertThat(contactsCategory.path("items").get(0).path("source").asText()).isEqualTo("PUBLIC_REGISTER");
        assertThat(contactsCategory.path("retention").path("period").asText()).isEqualTo("P24M");
        assertThat(contactsCategory.path("recipients")).isEmpty();
        assertThat(export.path("transfers").asText()).contains("not transferred outside the EU");

        // not before the requester is verified
        DataSubjectRequest other = requests.create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER,
                "anna@example.fi", Optional.empty(), Optional.empty(), Language.EN, "staff", NOW));
        var early = HttpApiEvents.request("GET", "/requests/{requestId}/export").path("requestId", other.requestId())
                .caller("staff-4", "register-staff").build();
        assertThat(handler.handleRequest(early, null).getStatusCode()).isEqualTo(409);
    }
}
