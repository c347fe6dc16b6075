package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * GDPR art. 18(2), issue 15: a restricted record is kept and shown by id, marked, but is in no list
 * or search and every write to it is refused — route by route — except a correction under a
 * rectification request, a legal hold, or lifting the restriction. Restricted through the real
 * fulfilments (an erasure of a sole trader, a restriction request), read through the real handler.
 */
class RestrictionInForceTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;
    static Register register;
    static final AuditLog.Access STAFF = new AuditLog.Access(new Caller("staff-2", Set.of()), "test", "r",
            "administration");

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
        register = new Register(ENGINE.setup(Clock.systemUTC(), mail -> "sent", Map.of()));
    }

    /** A sole trader's organisation whose own address is the person's: their erasure keeps it, restricted. */
    private static Restricted erasedSoleTrader() {
        String businessId = TestPeople.businessId();
        String name = TestPeople.organisationName();
        String email = TestPeople.email();
        String customerId = api.asStaff("POST", "/customers", b -> b.json("""
                {"name": "%s", "businessId": "%s", "email": "%s", "phone": "09 123 4567",
                 "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                """.formatted(name, businessId, email))).text("customerId");
        String colleague = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json(TestPeople.contactJson("\"TECHNICAL\", \"DECISION_MAKER\""))).text("contactId");
        DataSubjectRequest erasure = register.requests().create(Requests.aVerifiedRequest(RequestType.ERASURE, email));
        assertThat(register.erasure().fulfil(erasure, STAFF, Instant.now()).status()).isEqualTo(RequestStatus.COMPLETED);
        return new Restricted(customerId, name, businessId, email, colleague);
    }

    record Restricted(String customerId, String name, String businessId, String email, String colleague) {
    }

    private static String restrictedPerson(String customerId, String email) {
        String contactId = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json("{\"name\": \"" + TestPeople.personName() + "\", \"email\": \"" + email
                        + "\", \"roles\": [\"TECHNICAL\"], \"source\": \"CUSTOMER\"}")).text("contactId");
        api.asStaff("PUT", "/contacts/{contactId}/credentials/{service}", b -> b.path("contactId", contactId)
                .path("service", "portal").json("{\"username\": \"u1\"}"));
        DataSubjectRequest restriction = register.requests().create(
                Requests.aVerifiedRequest(RequestType.RESTRICTION, email));
        assertThat(register.restriction().fulfil(restriction, STAFF, Instant.now()).status())
                .isEqualTo(RequestStatus.COMPLETED);
        return contactId;
    }

    private static String newCustomer() {
        return api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
    }

    private static List<String> everyCustomer(String q) {
        List<String> ids = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Optional<String> current = cursor;
            ApiClient.Answer page = api.asStaff("GET", "/customers", b -> {
                b.query("limit", "100");
                if (q != null) {
                    b.query("q", q);
                }
                current.ifPresent(c -> b.query("cursor", c));
                return b;
            });
            assertThat(page.status()).isEqualTo(200);
            ids.addAll(page.json().path("items").findValuesAsText("customerId"));
            cursor = page.json().has("nextCursor") ? Optional.of(page.text("nextCursor")) : Optional.empty();
        } while (cursor.isPresent());
        return ids;
    }

    private static void assertRestricted(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.text("type")).endsWith("/problems/restricted");
    }

    @Test
    void aRestrictedCustomerIsInNoListOrSearchButShownByIdWithWhy() {
        Restricted r = erasedSoleTrader();
        String other = newCustomer();
        assertThat(everyCustomer(null)).contains(other).doesNotContain(r.customerId());
        assertThat(everyCustomer(r.name())).as("search by name").doesNotContain(r.customerId());
        assertThat(everyCustomer(r.businessId())).as("search by business id").isEmpty();

        ApiClient.Answer byId = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", r.customerId()));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("restriction").path("reason").asText()).contains("Accounting Act");
        assertThat(byId.json().path("restriction").path("at").asText()).isNotEmpty();
    }

    @Test
    void everyWriteToARestrictedCustomerIsRefusedButEndingAndHolds() {
        Restricted r = erasedSoleTrader();
        String etag = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", r.customerId()))
                .header("etag");
        assertRestricted(api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", r.customerId())
                .header("if-match", etag).json("{\"phone\": \"09 765 4321\"}")));
        assertRestricted(api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", r.customerId())
                .json(TestPeople.contactJson("\"BILLING\""))));
        assertRestricted(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", r.customerId())
                .json("{\"channel\": \"NOTE\", \"summary\": \"A note\", \"source\": \"CUSTOMER\"}")));
        ApiClient.Answer unchanged = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", r.customerId()));
        assertThat(unchanged.header("etag")).as("nothing was written").isEqualTo(etag);
        assertThat(unchanged.text("phone")).isEqualTo("+35891234567");
        assertThat(register.history().ofCustomer(r.customerId(), 10, Optional.empty()).items()).isEmpty();

        // the recipients' lists send a restricted organisation nothing, marketing nor fault notices
        assertThat(api.asStaff("GET", "/notifications/recipients", b -> b.query("customerId", r.customerId()))
                .json().path("items")).isEmpty();
        assertThat(api.asStaff("GET", "/marketing/recipients", b -> b.query("limit", "100")).json().path("items")
                .findValuesAsText("contactId")).doesNotContain(r.colleague());

        // a legal hold is set and lifted as on any record
        assertThat(api.asAdmin("PUT", "/customers/{customerId}/hold", b -> b.path("customerId", r.customerId())
                .json("{\"until\": \"2030-12-31\", \"reason\": \"tax audit\"}")).status()).isEqualTo(200);
        assertThat(api.asAdmin("DELETE", "/customers/{customerId}/hold", b -> b.path("customerId", r.customerId()))
                .status()).isEqualTo(204);
        // ending is allowed (decision 0013): it starts the Accounting Act clock that ends the record
        ApiClient.Answer ended = api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", r.customerId()));
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.text("status")).isEqualTo("ENDED");
    }

    @Test
    void aRectificationOfTheRestrictedCustomersPersonIsTheWriteThatGoesThrough() {
        Restricted r = erasedSoleTrader();
        String etag = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", r.customerId()))
                .header("etag");
        String rectification = register.requests().create(Requests.aVerifiedRequest(RequestType.RECTIFICATION,
                r.email())).requestId();
        ApiClient.Answer corrected = api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", r.customerId())
                .header("if-match", etag).header("x-data-subject-request", rectification)
                .json("{\"phone\": \"09 765 4321\"}"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.text("phone")).isEqualTo("+35897654321");
        assertThat(corrected.json().path("restriction").isMissingNode()).as("still restricted").isFalse();
    }

    @Test
    void everyWriteToARestrictedPersonIsRefusedButRectificationAndHolds() {
        String customerId = newCustomer();
        String email = TestPeople.email();
        String contactId = restrictedPerson(customerId, email);
        ApiClient.Answer byId = api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("restriction").path("requestId").asText()).startsWith("req_");
        String etag = byId.header("etag");

        assertRestricted(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", etag).json("{\"phone\": \"040 765 4321\"}")));
        assertRestricted(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)));
        assertRestricted(api.asStaff("PUT", "/contacts/{contactId}/credentials/{service}", b -> b.path("contactId", contactId)
                .path("service", "dentalsuite").json("{\"username\": \"u2\"}")));
        assertRestricted(api.asStaff("DELETE", "/contacts/{contactId}/credentials/{service}", b -> b
                .path("contactId", contactId).path("service", "portal")));
        assertRestricted(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"PHONE\", \"summary\": \"A call\", \"contactId\": \"" + contactId
                        + "\", \"source\": \"PHONE\"}")));
        assertThat(api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).header("etag"))
                .as("nothing was written").isEqualTo(etag);
        assertThat(register.credentials().ofContact(contactId)).hasSize(1);
        assertThat(register.history().aboutContact(contactId)).isEmpty();

        assertThat(api.asAdmin("PUT", "/contacts/{contactId}/hold", b -> b.path("contactId", contactId)
                .json("{\"until\": \"2030-12-31\", \"reason\": \"dispute\"}")).status()).isEqualTo(200);

        String rectification = register.requests().create(Requests.aVerifiedRequest(RequestType.RECTIFICATION,
                email)).requestId();
        ApiClient.Answer corrected = api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", etag).header("x-data-subject-request", rectification)
                .json("{\"phone\": \"040 765 4321\"}"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.text("phone")).isEqualTo("+358407654321");
    }

    @Test
    void theAccessExportStillHoldsTheRestrictedRecords() {
        Restricted r = erasedSoleTrader();
        String customerId = newCustomer();
        String contactId = restrictedPerson(customerId, r.email());
        DataSubjectRequest access = register.requests().create(Requests.aVerifiedRequest(RequestType.ACCESS, r.email()));
        String export = fi.dentalsystems.register.core.format.Json.write(register.accessExport().of(access, Instant.now()));
        assertThat(export).contains(contactId).contains(r.customerId());
    }

    @Test
    void liftingTheRestrictionMakesThePersonWritableAgain() {
        String customerId = newCustomer();
        String email = TestPeople.email();
        String contactId = restrictedPerson(customerId, email);
        DataSubjectRequest completed = register.requests().withEmail(fi.dentalsystems.register.core.store.ContactRepository.emailKey(email)).stream()
                .filter(q -> q.type() == RequestType.RESTRICTION).findFirst().orElseThrow();
        register.restriction().lift(completed, "accuracy checked", STAFF, Instant.now());
        String etag = api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).header("etag");
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", etag).json("{\"phone\": \"040 765 4321\"}")).status()).isEqualTo(200);
        assertThat(api.asStaff("GET", "/contacts", b -> b.query("email", email)).json().path("items")
                .findValuesAsText("contactId")).containsExactly(contactId);
    }
}
