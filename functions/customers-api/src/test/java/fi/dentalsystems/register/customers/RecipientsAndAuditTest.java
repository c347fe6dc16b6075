package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.MarketingObjection;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.core.config.Register;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsAndAuditTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;
    static ContactRepository contacts;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
        contacts = ENGINE.register().contacts();
    }

    private static String newCustomer(String extra) {
        String base = TestPeople.customerJson();
        String json = extra.isEmpty() ? base : base.strip().replaceFirst("}$", ", " + extra + "}");
        return api.asStaff("POST", "/customers", b -> b.json(json)).text("customerId");
    }

    private static String addContact(String customerId, String roles) {
        return api.asStaff("POST", "/customers/{customerId}/contacts",
                b -> b.path("customerId", customerId).json(TestPeople.contactJson(roles))).text("contactId");
    }

    private static List<String> allMarketingRecipients() {
        List<String> ids = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Optional<String> current = cursor;
            ApiClient.Answer page = api.asStaff("GET", "/marketing/recipients", b -> {
                b.query("limit", "2");
                current.ifPresent(c -> b.query("cursor", c));
                return b;
            });
            assertThat(page.status()).isEqualTo(200);
            ids.addAll(page.json().path("items").findValuesAsText("contactId"));
            cursor = page.json().has("nextCursor") ? Optional.of(page.text("nextCursor")) : Optional.empty();
        } while (cursor.isPresent());
        return ids;
    }

    @Test
    void marketingListsHonourObjectionsOptOutsAndEndedRelationshipsButFaultNoticesDoNot() {
        String active = newCustomer("");
        String willObject = addContact(active, "\"TECHNICAL\"");
        String keeps = addContact(active, "\"DECISION_MAKER\"");
        String optedOutCustomer = newCustomer("\"marketingOptOut\": true");
        String ofOptedOut = addContact(optedOutCustomer, "\"BILLING\"");
        String ended = newCustomer("");
        String ofEnded = addContact(ended, "\"USER\"");
        api.asStaff("POST", "/customers/{customerId}/end", b -> b.path("customerId", ended));

        Contact objecting = contacts.find(willObject).orElseThrow();
        contacts.update(new Contact(objecting.contactId(), objecting.customerId(), objecting.name(), objecting.email(),
                objecting.phone(), objecting.roles(), objecting.source(),
                Optional.of(new MarketingObjection(Instant.now(), Optional.empty())), objecting.createdAt(),
                Instant.now(), objecting.version()));

        List<String> recipients = allMarketingRecipients();
        assertThat(recipients).contains(keeps).doesNotContain(willObject, ofOptedOut, ofEnded);

        ApiClient.Answer notices = api.asStaff("GET", "/notifications/recipients", b -> b.query("customerId", active));
        assertThat(notices.json().path("items").findValuesAsText("contactId")).containsExactly(willObject);
        assertThat(api.asStaff("GET", "/notifications/recipients", b -> b).status()).isEqualTo(400);
    }

    @Test
    void aSuppressedAddressStaysOffTheMarketingListEvenAsANewContact() {
        String customerId = newCustomer("");
        String email = TestPeople.email();
        Register register = ENGINE.register();
        register.suppression().suppress(register.suppressionKeys().of(email.toUpperCase(java.util.Locale.ROOT)),
                "req_earlier", Instant.now());
        String readded = api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                .json("{\"name\": \"" + TestPeople.personName() + "\", \"email\": \"" + email
                        + "\", \"roles\": [\"TECHNICAL\"], \"source\": \"PUBLIC_REGISTER\"}")).text("contactId");
        String kept = addContact(customerId, "\"DECISION_MAKER\"");
        assertThat(allMarketingRecipients()).contains(kept).doesNotContain(readded);
        assertThat(api.asStaff("GET", "/notifications/recipients", b -> b.query("customerId", customerId))
                .json().path("items").findValuesAsText("contactId")).as("fault notices are not marketing").contains(readded);
    }

    @Test
    void aCorrectionForARectificationRequestNamesItInTheAudit() {
        String customerId = newCustomer("");
        String contactId = addContact(customerId, "\"USER\"");
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", "\"1\"").header("x-data-subject-request", "nonsense")
                .json("{\"roles\": [\"BILLING\"]}")).status()).as("checked before anything is written").isEqualTo(400);
        assertThat(api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).header("etag"))
                .isEqualTo("\"1\"");
        String email = api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).text("email");
        String dsr = ENGINE.register().requests().create(fi.dentalsystems.register.local.support.Requests
                .aVerifiedRequest(fi.dentalsystems.register.core.domain.RequestType.RECTIFICATION, email)).requestId();
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", "\"1\"").header("x-data-subject-request", dsr)
                .json("{\"roles\": [\"BILLING\"]}")).status()).isEqualTo(200);
        ApiClient.Answer trail = api.asAdmin("GET", "/audit", b -> b.query("targetId", contactId));
        assertThat(trail.json().path("items").get(0).path("purpose").asText()).isEqualTo("rectification:" + dsr);
    }

    @Test
    void everyReadAndWriteOfPersonalDataLeavesAnAuditItem() {
        String customerId = newCustomer("");
        String contactId = addContact(customerId, "\"USER\"");
        api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId));
        api.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId));
        api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", customerId));

        ApiClient.Answer contactTrail = api.asAdmin("GET", "/audit", b -> b.query("targetId", contactId));
        assertThat(contactTrail.status()).isEqualTo(200);
        List<String> actions = contactTrail.json().path("items").findValuesAsText("action");
        assertThat(actions).containsExactly("READ", "READ", "CREATE");
        assertThat(contactTrail.json().path("items").findValuesAsText("route"))
                .contains("GET /contacts/{contactId}", "GET /customers/{customerId}/contacts");
        assertThat(contactTrail.json().path("items").get(0).path("actorId").asText()).isEqualTo("staff-user-1");
        assertThat(contactTrail.json().path("items").get(0).path("purpose").asText()).isEqualTo("customer-relationship");

        ApiClient.Answer customerTrail = api.asAdmin("GET", "/audit", b -> b.query("targetId", customerId));
        // the customer is read by its own route and by the routes that load it to reach its contacts (issue 14)
        assertThat(customerTrail.json().path("items").findValuesAsText("action"))
                .containsExactly("READ", "READ", "READ", "CREATE");
        assertThat(customerTrail.json().path("items").findValuesAsText("route")).containsExactly(
                "GET /customers/{customerId}", "GET /customers/{customerId}/contacts", "POST /customers/{customerId}/contacts",
                "POST /customers");
        assertThat(api.asAdmin("GET", "/audit", b -> b).status()).isEqualTo(400);
    }
}
