package fi.dentalsystems.register.requests;

import com.fasterxml.jackson.databind.JsonNode;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        Register register = ENGINE.register();
        Customer customer = register.customers().create(Customers.aCustomer("0112038-9"));
        Contact contact = register.contacts().create(Customers.aContact(customer, "riitta@example.fi")
                .withName("Riitta Rectify").withPhone(Optional.of("+358401111111")).withRoles(Set.of(ContactRole.BILLING))
                .withSource(DataSource.PHONE));
        DataSubjectRequest request = register.requests().create(
                RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.RECTIFICATION, RequestChannel.LETTER,
                        "riitta@example.fi", Optional.empty(), Optional.of("My phone number is now 040 222 2222"),
                        Language.SV, "staff", NOW), "staff", "letter", NOW));
        List<Mail> sent = new ArrayList<>();
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> {
            sent.add(mail);
            return "sent";
        }, Map.of("PUBLIC_BASE_URL", "http://localhost"))));

        ApiClient.Answer records = call(api, "GET", "/requests/{requestId}/records", request.requestId());
        assertThat(records.status()).isEqualTo(200);
        JsonNode json = records.json();
        assertThat(json.path("details").asText()).contains("040 222 2222");
        assertThat(json.path("contacts").findValuesAsText("contactId")).containsExactly(contact.contactId());
        assertThat(json.path("contacts").get(0).path("phone").asText()).isEqualTo("+358401111111");

        ApiClient.Answer done = call(api, "POST", "/requests/{requestId}/complete", request.requestId());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("\"status\":\"COMPLETED\"");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).subject()).isEqualTo("Dina uppgifter har rättats");
        // completing again (a retried click) answers the completed request and mails nothing more,
        // as erasure and restriction do: completion is re-runnable after a crash (RequestAnswer)
        assertThat(call(api, "POST", "/requests/{requestId}/complete", request.requestId()).status())
                .as("a completed request answers again").isEqualTo(200);
        assertThat(sent).hasSize(1);
    }

    @Test
    void theOutcomeMailListsWhatWasCorrectedAndWhatNotWithTheReason() {
        Register register = ENGINE.register();
        DataSubjectRequest request = register.requests().create(
                RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.RECTIFICATION, RequestChannel.LETTER,
                        "outi@example.fi", Optional.empty(), Optional.of("Phone and title wrong"),
                        Language.EN, "staff", NOW), "staff", "letter", NOW));
        List<Mail> sent = new ArrayList<>();
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> {
            sent.add(mail);
            return "sent";
        }, Map.of("PUBLIC_BASE_URL", "http://localhost"))));
        java.util.function.Function<String, ApiClient.Answer> complete = body -> api.call("POST",
                "/requests/{requestId}/complete", b -> b.path("requestId", request.requestId())
                        .caller("staff-3", ApiClient.STAFF).json(body));

        ApiClient.Answer guarded = complete.apply("{\"corrected\": [\"phone\"], \"notCorrected\": [{\"what\": \"title\"}]}");
        assertThat(guarded.status()).as("a refusal needs its reason").isEqualTo(400);
        assertThat(guarded.json().path("errors").findValuesAsText("field")).containsExactly("notCorrected[0].reason");
        assertThat(complete.apply("{\"corrected\": [\"id 131052-308T\"]}").status()).as("free text is guarded")
                .isEqualTo(400);
        assertThat(sent).as("nothing was completed").isEmpty();

        ApiClient.Answer done = complete.apply("{\"corrected\": [\"phone number\"], \"notCorrected\": "
                + "[{\"what\": \"job title\", \"reason\": \"the customer organisation keeps titles as it registered them\"}]}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("events").findValuesAsText("kind")).contains("CORRECTED", "NOT_CORRECTED", "COMPLETED");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).subject()).isEqualTo("Your request for rectification has been handled");
        assertThat(sent.get(0).text()).contains("We corrected:\n- phone number")
                .contains("We did not correct:\n- job title (reason: the customer organisation keeps titles as it registered them)")
                .doesNotContain("we corrected your data as you asked");

        // a retry (the same click again) adds nothing and mails nothing
        complete.apply("{\"corrected\": [\"something else\"]}");
        assertThat(sent).hasSize(1);
        assertThat(register.requests().find(request.requestId()).orElseThrow().events().stream()
                .filter(e -> e.kind().equals("CORRECTED")).count()).isEqualTo(1);
    }

    @Test
    void onlyARectificationTakesAnOutcome() {
        Register register = ENGINE.register();
        DataSubjectRequest request = register.requests().create(
                RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.RESTRICTION, RequestChannel.LETTER,
                        "rauha@example.fi", Optional.empty(), Optional.empty(), Language.EN, "staff", NOW),
                        "staff", "letter", NOW));
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> "sent",
                Map.of("PUBLIC_BASE_URL", "http://localhost"))));
        ApiClient.Answer refused = api.call("POST", "/requests/{requestId}/complete", b -> b
                .path("requestId", request.requestId()).caller("staff-3", ApiClient.STAFF)
                .json("{\"corrected\": [\"phone\"]}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("corrected");
    }

    private static ApiClient.Answer call(ApiClient api, String method, String path, String id) {
        return api.call(method, path, b -> b.path("requestId", id).caller("staff-3", ApiClient.STAFF));
    }
}
