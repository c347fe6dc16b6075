package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Legal holds on customers and contacts: admins only, validated, audited, and kept through edits. */
class LegalHoldRoutesTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static String customer() {
        return api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
    }

    @Test
    void anAdminPlacesReadsAndLiftsAHoldAndEachStepIsAudited() {
        String customerId = customer();
        ApiClient.Answer placed = api.asAdmin("PUT", "/customers/{customerId}/hold", b -> b.path("customerId", customerId)
                .json("{\"until\": \"2030-12-31\", \"reason\": \"Pending claim, district court case 26/123\"}"));
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.text("until")).isEqualTo("2030-12-31");
        assertThat(placed.text("holdsUntil")).isEqualTo("2030-12-31T22:00:00Z"); // end of that day, Helsinki
        assertThat(placed.json().path("active").asBoolean()).isTrue();
        assertThat(placed.text("placedBy")).isEqualTo("admin-user-1");

        // an edit of the customer keeps the hold
        ApiClient.Answer read = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", customerId));
        ApiClient.Answer patched = api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", customerId)
                .header("if-match", read.header("etag")).json("{\"phone\": \"+358 40 765 4321\"}"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(api.asAdmin("GET", "/customers/{customerId}/hold", b -> b.path("customerId", customerId)).text("reason"))
                .isEqualTo("Pending claim, district court case 26/123");

        assertThat(api.asAdmin("DELETE", "/customers/{customerId}/hold", b -> b.path("customerId", customerId)).status())
                .isEqualTo(204);
        assertThat(api.asAdmin("GET", "/customers/{customerId}/hold", b -> b.path("customerId", customerId)).status())
                .isEqualTo(404);
        var trail = api.asAdmin("GET", "/audit", b -> b.query("targetId", customerId)).json().path("items");
        assertThat(trail.findValuesAsText("purpose")).filteredOn("legal-hold"::equals).hasSize(3); // put, get, delete
    }

    @Test
    void staffCannotPlaceHoldsAndBadInputIsAFieldError() {
        String customerId = customer();
        String contactId = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"TECHNICAL\""))).text("contactId");
        assertThat(contactId).startsWith("con_");
        String body = "{\"until\": \"2030-12-31\", \"reason\": \"claim\"}";
        assertThat(api.asStaff("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId).json(body)).status())
                .isEqualTo(403);

        ApiClient.Answer past = api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)
                .json("{\"until\": \"2020-01-01\", \"reason\": \"claim\"}"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().path("errors").get(0).path("field").asText()).isEqualTo("until");
        ApiClient.Answer pic = api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)
                .json("{\"until\": \"2030-01-01\", \"reason\": \"concerns 131052-308T\"}"));
        assertThat(pic.status()).isEqualTo(400);
        assertThat(pic.body()).doesNotContain("131052-308T");
        assertThat(api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)
                .json("{\"until\": \"next year\", \"reason\": \"claim\", \"extra\": 1}")).json().path("errors").size())
                .isEqualTo(2);
        assertThat(api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", "con_01JD3Q1M5E7Z4A8Y3W6X2V9T0B")
                .json(body)).status()).isEqualTo(404);
        assertThat(api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId).json(body)).status())
                .isEqualTo(200);

        // a held contact cannot be removed; lifted, it can
        ApiClient.Answer refused = api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("legal hold");
        assertThat(api.asAdmin("DELETE", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)).status())
                .isEqualTo(204);
        assertThat(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)).status())
                .isEqualTo(204);
    }
}
