package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GDPR art. 16, issue 15: {@code X-Data-Subject-Request} must name an existing RECTIFICATION request,
 * VERIFIED or IN_PROGRESS, whose address is the record's person's; anything else is a 409
 * {@code correction-not-warranted} and writes nothing. History is corrected under that header only.
 */
class RectificationWarrantTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;
    static Register register;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
        register = ENGINE.register();
    }

    record Person(String customerId, String contactId, String email) {
    }

    private static Person aPerson() {
        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        String email = TestPeople.email();
        String contactId = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json("{\"name\": \"" + TestPeople.personName() + "\", \"email\": \"" + email
                        + "\", \"roles\": [\"USER\"], \"source\": \"CUSTOMER\"}")).text("contactId");
        return new Person(customerId, contactId, email);
    }

    private static String stored(DataSubjectRequest r) {
        return register.requests().create(r).requestId();
    }

    private static ApiClient.Answer patchPhone(Person p, String requestId) {
        return api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", p.contactId())
                .header("if-match", "\"1\"").header("x-data-subject-request", requestId)
                .json("{\"phone\": \"040 765 4321\"}"));
    }

    private static void assertRefused(ApiClient.Answer answer, String detailPart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.text("type")).endsWith("/problems/correction-not-warranted");
        assertThat(answer.text("detail")).contains(detailPart);
    }

    private static void assertUnchanged(Person p) {
        assertThat(api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", p.contactId())).header("etag"))
                .as("nothing was written").isEqualTo("\"1\"");
    }

    @Test
    void aRequestThatDoesNotExistWarrantsNothing() {
        Person p = aPerson();
        assertRefused(patchPhone(p, "req_01JD7QB2C3D4E5F6G7H8J9K0M1"), "There is no request");
        assertUnchanged(p);
    }

    @Test
    void onlyARectificationRequestWarrantsACorrection() {
        Person p = aPerson();
        String access = stored(Requests.aVerifiedRequest(RequestType.ACCESS, p.email()));
        assertRefused(patchPhone(p, access), "only a RECTIFICATION request");
        assertUnchanged(p);
    }

    @Test
    void aRectificationNotYetVerifiedOrAlreadyClosedWarrantsNothing() {
        Person p = aPerson();
        String unverified = stored(Requests.aLetter(RequestType.RECTIFICATION, p.email()));
        assertRefused(patchPhone(p, unverified), "is RECEIVED");
        String rejected = stored(RequestLifecycle.reject(Requests.aVerifiedRequest(RequestType.RECTIFICATION, p.email()),
                "not ours", "staff", Customers.AT));
        assertRefused(patchPhone(p, rejected), "is REJECTED");
        assertUnchanged(p);
    }

    @Test
    void anotherPersonsRectificationWarrantsNothingAndTheRefusalNamesNoAddress() {
        Person p = aPerson();
        String otherEmail = TestPeople.email();
        String other = stored(Requests.aVerifiedRequest(RequestType.RECTIFICATION, otherEmail));
        ApiClient.Answer refused = patchPhone(p, other);
        assertRefused(refused, "does not concern this record's person");
        assertThat(refused.body()).doesNotContain(otherEmail).doesNotContain(p.email());
        assertUnchanged(p);
    }

    @Test
    void theRightRectificationWarrantsTheCorrectionWhateverTheAddressCase() {
        Person p = aPerson();
        String mine = stored(Requests.aVerifiedRequest(RequestType.RECTIFICATION,
                " " + p.email().toUpperCase(java.util.Locale.ROOT)));
        ApiClient.Answer corrected = patchPhone(p, mine);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(api.asAdmin("GET", "/audit", b -> b.query("targetId", p.contactId())).json().path("items").get(0)
                .path("purpose").asText()).isEqualTo("rectification:" + mine);
    }

    @Test
    void aHistoryEntryIsCorrectedOnlyUnderTheRectificationOfItsPerson() {
        Person p = aPerson();
        String entryId = api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", p.customerId())
                .json("{\"channel\": \"PHONE\", \"summary\": \"Asked about invoices\", \"contactId\": \""
                        + p.contactId() + "\", \"source\": \"PHONE\"}")).text("entryId");
        Function<String, ApiClient.Answer> correct = requestId -> api.asStaff("PATCH",
                "/customers/{customerId}/history/{entryId}", b -> {
                    b.path("customerId", p.customerId()).path("entryId", entryId)
                            .json("{\"summary\": \"Asked about the maintenance contract\", \"channel\": \"EMAIL\"}");
                    return requestId == null ? b : b.header("x-data-subject-request", requestId);
                });

        ApiClient.Answer without = correct.apply(null);
        assertThat(without.status()).as("history is not edited without a rectification").isEqualTo(400);
        assertThat(without.json().path("errors").findValuesAsText("field")).containsExactly("X-Data-Subject-Request");
        String others = stored(Requests.aVerifiedRequest(RequestType.RECTIFICATION, TestPeople.email()));
        assertRefused(correct.apply(others), "does not concern");
        assertThat(register.history().find(p.customerId(), entryId).orElseThrow().summary())
                .isEqualTo("Asked about invoices");

        String mine = stored(Requests.aVerifiedRequest(RequestType.RECTIFICATION, p.email()));
        ApiClient.Answer corrected = correct.apply(mine);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.text("summary")).isEqualTo("Asked about the maintenance contract");
        var stored = register.history().find(p.customerId(), entryId).orElseThrow();
        assertThat(stored.summary()).isEqualTo("Asked about the maintenance contract");
        assertThat(stored.channel().name()).isEqualTo("EMAIL");
        assertThat(api.asStaff("GET", "/customers/{customerId}/history", b -> b.path("customerId", p.customerId()))
                .json().path("items").findValuesAsText("entryId")).as("corrected in place, not added").containsExactly(entryId);
        assertThat(api.asAdmin("GET", "/audit", b -> b.query("targetId", entryId)).json().path("items")
                .findValuesAsText("purpose")).contains("rectification:" + mine);

        // free text is guarded in a correction too; an unknown entry is a 404
        assertThat(api.asStaff("PATCH", "/customers/{customerId}/history/{entryId}", b -> b
                .path("customerId", p.customerId()).path("entryId", entryId).header("x-data-subject-request", mine)
                .json("{\"summary\": \"Henkilötunnus 131052-308T\"}")).status()).isEqualTo(400);
        assertThat(api.asStaff("PATCH", "/customers/{customerId}/history/{entryId}", b -> b
                .path("customerId", p.customerId()).path("entryId", "his_01JD7QB2C3D4E5F6G7H8J9K0M1")
                .header("x-data-subject-request", mine).json("{\"channel\": \"NOTE\"}")).status()).isEqualTo(404);
    }

    @Test
    void anEntryAboutNoContactIsTheOrganisationsOwnAddresssToCorrect() {
        String email = TestPeople.email();
        String customerId = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson()
                .replaceFirst("\"email\": \"[^\"]+\"", "\"email\": \"" + email + "\""))).text("customerId");
        String entryId = api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"NOTE\", \"summary\": \"Owner called\", \"source\": \"CUSTOMER\"}")).text("entryId");
        String mine = stored(Requests.aVerifiedRequest(RequestType.RECTIFICATION, email));
        assertThat(api.asStaff("PATCH", "/customers/{customerId}/history/{entryId}", b -> b.path("customerId", customerId)
                .path("entryId", entryId).header("x-data-subject-request", mine)
                .json("{\"summary\": \"Owner wrote\"}")).status()).isEqualTo(200);
    }
}
