package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRoutesTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
    }

    private ApiClient.Answer create(String json) {
        return api.asStaff("POST", "/customers", b -> b.json(json));
    }

    @Test
    void createsReadsAndNormalisesACustomer() {
        String businessId = TestPeople.businessId();
        ApiClient.Answer created = create(TestPeople.customerJson(businessId));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("customerId");
        assertThat(id).startsWith("cus_");
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(created.header("location")).isEqualTo("/customers/" + id);
        assertThat(created.text("phone")).startsWith("+358");
        assertThat(created.text("status")).isEqualTo("ACTIVE");

        ApiClient.Answer read = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", id));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("businessId")).isEqualTo(businessId);
        assertThat(read.header("etag")).isEqualTo("\"1\"");
    }

    @Test
    void refusesADuplicateBusinessIdWith409() {
        String businessId = TestPeople.businessId();
        assertThat(create(TestPeople.customerJson(businessId)).status()).isEqualTo(201);
        ApiClient.Answer second = create(TestPeople.customerJson(businessId));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("content-type")).isEqualTo("application/problem+json");
        assertThat(second.body()).doesNotContain(businessId);
    }

    @Test
    void validationNamesEveryBadFieldButNeverEchoesValues() {
        String json = """
                {"name": "", "businessId": "1234567-0", "email": "not-an-address", "phone": "12",
                 "billingAddress": {"street": "Katu 1", "postalCode": "00620", "city": "Helsinki", "country": "XX"},
                 "favouriteColour": "blue"}
                """;
        ApiClient.Answer answer = create(json);
        assertThat(answer.status()).isEqualTo(400);
        Set<String> fields = new HashSet<>();
        answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("name", "businessId", "email", "phone",
                "billingAddress.country", "favouriteColour");
        assertThat(answer.body()).doesNotContain("not-an-address").doesNotContain("1234567-0");
        assertThat(answer.json().path("type").asText()).startsWith("https://");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertThat(answer.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void malformedJsonWrongMediaTypeAndHugeBodiesAreClientErrors() {
        assertThat(create("{\"name\": ").status()).isEqualTo(400);
        assertThat(create("[1, 2]").status()).isEqualTo(400);
        assertThat(api.asStaff("POST", "/customers", b -> b.rawBody(TestPeople.customerJson(), false)
                .header("content-type", "text/plain")).status()).isEqualTo(415);
        String huge = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(create(huge).status()).isEqualTo(413);
        assertThat(api.asStaff("POST", "/customers", b -> b).status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAre404AndMalformedIdsToo() {
        assertThat(api.asStaff("GET", "/customers/{customerId}",
                b -> b.path("customerId", "cus_01JAAAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(404);
        assertThat(api.asStaff("GET", "/customers/{customerId}",
                b -> b.path("customerId", "../../etc")).status()).isEqualTo(404);
    }

    @Test
    void tokensDecideAccess() {
        assertThat(api.call("GET", "/customers", b -> b).status()).isEqualTo(401);
        // a processor the register does not name, and the old catch-all group, are nobody
        assertThat(api.call("GET", "/customers", b -> b.caller("proc-1", ApiClient.processorGroup("unknown")))
                .status()).isEqualTo(403);
        assertThat(api.call("GET", "/customers", b -> b.caller("proc-1", "register-processor")).status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/customers", b -> b.caller("admin-1", ApiClient.ADMIN)).status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/audit", b -> b.caller("staff-1", ApiClient.STAFF).query("targetId", "x"))
                .status()).isEqualTo(403);
    }

    @Test
    void patchNeedsIfMatchAndRefusesStaleVersions() {
        String id = create(TestPeople.customerJson()).text("customerId");
        String patch = "{\"phone\": \"" + TestPeople.phone() + "\"}";
        assertThat(api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", id).json(patch))
                .status()).isEqualTo(428);
        ApiClient.Answer ok = api.asStaff("PATCH", "/customers/{customerId}",
                b -> b.path("customerId", id).header("if-match", "\"1\"").json(patch));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("etag")).isEqualTo("\"2\"");
        assertThat(api.asStaff("PATCH", "/customers/{customerId}",
                b -> b.path("customerId", id).header("if-match", "\"1\"").json(patch)).status()).isEqualTo(412);
        assertThat(api.asStaff("PATCH", "/customers/{customerId}",
                b -> b.path("customerId", id).header("if-match", "\"2\"").json("{\"businessId\": \"0112038-9\"}"))
                .status()).isEqualTo(400);
        assertThat(api.asStaff("PATCH", "/customers/{customerId}",
                b -> b.path("customerId", id).header("if-match", "\"2\"").json("{}")).status()).isEqualTo(400);
    }

    @Test
    void endingStartsTheClockOnceAndBlocksNewContacts() {
        String id = create(TestPeople.customerJson()).text("customerId");
        ApiClient.Answer ended = api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", id));
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.text("status")).isEqualTo("ENDED");
        assertThat(ended.json().has("endedAt")).isTrue();
        assertThat(api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", id)).status())
                .isEqualTo(409);
        assertThat(api.asStaff("POST", "/customers/{customerId}/contacts",
                b -> b.path("customerId", id).json(TestPeople.contactJson("\"USER\""))).status()).isEqualTo(409);
    }

    @Test
    void listFiltersByNameBusinessIdAndStatus() {
        String businessId = TestPeople.businessId();
        ApiClient.Answer created = create(TestPeople.customerJson(businessId));
        String name = created.text("name");
        ApiClient.Answer byName = api.asStaff("GET", "/customers",
                b -> b.query("q", name.substring(0, name.length() - 3).toUpperCase(java.util.Locale.ROOT)));
        assertThat(byName.json().path("items").findValuesAsText("customerId")).contains(created.text("customerId"));
        ApiClient.Answer byBusinessId = api.asStaff("GET", "/customers", b -> b.query("q", businessId));
        assertThat(byBusinessId.json().path("items")).hasSize(1);
        assertThat(api.asStaff("GET", "/customers", b -> b.query("status", "GONE")).status()).isEqualTo(400);
        assertThat(api.asStaff("GET", "/customers", b -> b.query("limit", "1000")).status()).isEqualTo(400);
        assertThat(api.asStaff("GET", "/customers", b -> b.query("cursor", "bm90LWEtY3Vyc29y")).status())
                .isEqualTo(400);
    }
}
