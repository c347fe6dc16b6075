package fi.dentalsystems.register.requests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Rectification: staff see the proposed corrections beside the current records, then close the request. */
class RectificationTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theRecordsStandBesideTheProposedCorrectionsAndCompletionMailsTheOutcome() throws Exception {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build();
        var names = ENGINE.tableNamesByLogicalId();
        Customer customer = new CustomerRepository(enhanced, names.get("CustomersTable")).create(new Customer(
                Customer.ID_PREFIX + Ulid.next(NOW), "Klinikka Oy", "0112038-9", "office@klinikka.example",
                "+358912345678", new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(),
                CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), NOW, NOW, 0));
        Contact contact = new ContactRepository(enhanced, names.get("ContactsTable")).create(new Contact(
                Contact.ID_PREFIX + Ulid.next(NOW), customer.customerId(), "Riitta Rectify", "riitta@example.fi",
                Optional.of("+358401111111"), Set.of(ContactRole.BILLING), DataSource.PHONE, Optional.empty(), NOW, NOW, 0));
        DataSubjectRequest request = new RequestRepository(enhanced, names.get("RequestsTable")).create(
                RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.RECTIFICATION, RequestChannel.LETTER,
                        "riitta@example.fi", Optional.empty(), Optional.of("My phone number is now 040 222 2222"),
                        Language.SV, "staff", NOW), "staff", "letter", NOW));
        List<Mail> sent = new ArrayList<>();
        RequestsApiHandler handler = new RequestsApiHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(),
                Clock.systemUTC(), mail -> {
                    sent.add(mail);
                    return "sent";
                }, Map.of("PUBLIC_BASE_URL", "http://localhost")));

        APIGatewayV2HTTPResponse records = call(handler, "GET", "/requests/{requestId}/records", request.requestId());
        assertThat(records.getStatusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(records.getBody());
        assertThat(json.path("details").asText()).contains("040 222 2222");
        assertThat(json.path("contacts").findValuesAsText("contactId")).containsExactly(contact.contactId());
        assertThat(json.path("contacts").get(0).path("phone").asText()).isEqualTo("+358401111111");

        APIGatewayV2HTTPResponse done = call(handler, "POST", "/requests/{requestId}/complete", request.requestId());
        assertThat(done.getStatusCode()).isEqualTo(200);
        assertThat(done.getBody()).contains("\"status\":\"COMPLETED\"");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).subject()).isEqualTo("Dina uppgifter har rättats");
        // completing again (a retried click) answers the completed request and mails nothing more,
        // as erasure and restriction do: completion is re-runnable after a crash (RequestAnswer)
        assertThat(call(handler, "POST", "/requests/{requestId}/complete", request.requestId()).getStatusCode())
                .as("a completed request answers again").isEqualTo(200);
        assertThat(sent).hasSize(1);
    }

    private static APIGatewayV2HTTPResponse call(RequestsApiHandler handler, String method, String path, String id) {
        var event = HttpApiEvents.request(method, path).path("requestId", id).caller("staff-3", "register-staff").build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        OpenApiContract.load().assertConforms(method, path, response.getStatusCode(), response.getHeaders(), null, null,
                response.getBody());
        return response;
    }
}
