package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo processors of template.yaml's processor register through the handler, with the data
 * TestPeople remembers, so the log scan (LogsHoldNoPersonalDataTest) covers processors' reads, writes
 * and refusals too; the full matrix runs on the local runtime (ProcessorAccessTest).
 */
class ProcessorRoutesTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> "unused",
                Map.of("SUPPRESSION_PEPPER", "processor-routes-test-pepper-of-length"))));
    }

    @Test
    void processorsReadWhatTheirPurposesCoverAndTheirRefusalsNameNoValue() {
        ApiClient.Answer created = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson()));
        String customerId = created.text("customerId");
        String phone = created.text("phone");
        String billing = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"BILLING\""))).text("contactId");
        String technical = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"TECHNICAL\""))).text("contactId");

        ApiClient.Answer invoicing = api.asProcessor("billing", "GET", "/customers/{customerId}",
                b -> b.path("customerId", customerId));
        assertThat(invoicing.status()).isEqualTo(200);
        assertThat(invoicing.json().has("businessId")).isTrue();
        assertThat(invoicing.json().has("phone")).isFalse();
        assertThat(api.asProcessor("billing", "GET", "/customers/{customerId}/contacts",
                b -> b.path("customerId", customerId)).json().path("items").findValuesAsText("contactId"))
                .containsExactly(billing);
        assertThat(api.asProcessor("technical-support", "GET", "/customers/{customerId}/contacts",
                b -> b.path("customerId", customerId)).json().path("items").findValuesAsText("contactId"))
                .containsExactly(technical);

        String newPhone = TestPeople.phone();
        ApiClient.Answer refused = api.asProcessor("billing", "PATCH", "/customers/{customerId}",
                b -> b.path("customerId", customerId).header("if-match", created.header("etag"))
                        .json("{\"phone\": \"" + newPhone + "\"}"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("do not cover phone").doesNotContain(newPhone).doesNotContain(phone);

        String summary = "Tukipyyntö " + TestPeople.personName();
        assertThat(api.asProcessor("technical-support", "POST", "/customers/{customerId}/history",
                b -> b.path("customerId", customerId).json("{\"channel\": \"SUPPORT_TICKET\", \"summary\": \"" + summary
                        + "\", \"contactId\": \"" + technical + "\", \"source\": \"EMAIL\"}")).status()).isEqualTo(201);
        ApiClient.Answer meeting = api.asProcessor("technical-support", "POST", "/customers/{customerId}/history",
                b -> b.path("customerId", customerId).json("{\"channel\": \"MEETING\", \"summary\": \"" + summary
                        + "\", \"source\": \"PHONE\"}"));
        assertThat(meeting.status()).isEqualTo(403);
        assertThat(meeting.body()).doesNotContain(summary);
        assertThat(api.asProcessor("billing", "GET", "/customers/{customerId}/history",
                b -> b.path("customerId", customerId)).status()).isEqualTo(403);
    }
}
