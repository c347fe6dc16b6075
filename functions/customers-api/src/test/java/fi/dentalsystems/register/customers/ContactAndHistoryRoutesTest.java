package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ContactAndHistoryRoutesTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
    }

    private static String newCustomer() {
        return api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
    }

    private static ApiClient.Answer addContact(String customerId, String json) {
        return api.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId).json(json));
    }

    @Test
    void contactsAreFoundByAddressAcrossCustomersWhateverTheCase() {
        String email = TestPeople.email();
        String json = "{\"name\": \"" + TestPeople.personName() + "\", \"email\": \"" + email
                + "\", \"roles\": [\"BILLING\"], \"source\": \"PUBLIC_REGISTER\"}";
        String a = addContact(newCustomer(), json).text("contactId");
        String b = addContact(newCustomer(), json.replace(email, email.toUpperCase(Locale.ROOT))).text("contactId");
        ApiClient.Answer found = api.asStaff("GET", "/contacts", q -> q.query("email", " " + email.toUpperCase(Locale.ROOT)));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("items").findValuesAsText("contactId")).containsExactlyInAnyOrder(a, b);
        assertThat(found.json().path("items").get(0).path("source").asText()).isEqualTo("PUBLIC_REGISTER");
        assertThat(api.asStaff("GET", "/contacts", q -> q.query("email", "nope")).status()).isEqualTo(400);
        assertThat(api.asStaff("GET", "/contacts", q -> q).status()).isEqualTo(400);
    }

    @Test
    void contactRulesRolesSourcesAndUpdates() {
        String customerId = newCustomer();
        ApiClient.Answer bad = addContact(customerId, "{\"name\": \"X Y\", \"email\": \"" + TestPeople.email()
                + "\", \"roles\": [\"CEO\"], \"source\": \"RUMOUR\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("roles[0]", "source");
        assertThat(addContact(customerId, "{\"name\": \"X Y\", \"email\": \"" + TestPeople.email()
                + "\", \"roles\": [], \"source\": \"EMAIL\"}").status()).isEqualTo(400);

        ApiClient.Answer created = addContact(customerId, TestPeople.contactJson("\"TECHNICAL\", \"USER\""));
        assertThat(created.status()).isEqualTo(201);
        String contactId = created.text("contactId");
        ApiClient.Answer patched = api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", created.header("etag")).json("{\"phone\": null, \"roles\": [\"MAINTAINER\"]}"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().has("phone")).isFalse();
        assertThat(patched.json().path("roles").get(0).asText()).isEqualTo("MAINTAINER");
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .json("{\"name\": \"Z\"}")).status()).isEqualTo(428);
        assertThat(api.asStaff("PATCH", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", "\"1\"").json("{\"name\": \"Z\"}")).status()).isEqualTo(412);
        assertThat(api.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId))
                .json().path("items")).hasSize(1);
    }

    @Test
    void deletingAContactRemovesItsCredentialsMetadata() {
        String contactId = addContact(newCustomer(), TestPeople.contactJson("\"USER\"")).text("contactId");
        CredentialRepository credentials = ENGINE.register().credentials();
        CredentialItem item = new CredentialItem();
        item.setContactId(contactId);
        item.setService("dental-cloud");
        item.setUsername("user-" + contactId);
        credentials.put(item, java.time.Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)
                .header("if-match", "\"7\"")).status()).isEqualTo(412);
        assertThat(api.asStaff("DELETE", "/contacts/{contactId}", b -> b.path("contactId", contactId)).status())
                .isEqualTo(204);
        assertThat(credentials.ofContact(contactId)).isEmpty();
        assertThat(api.asStaff("GET", "/contacts/{contactId}", b -> b.path("contactId", contactId)).status())
                .isEqualTo(404);
    }

    @Test
    void freeTextRefusesIdentityCodesAndCardNumbersNamingOnlyTheField() {
        String customerId = newCustomer();
        for (String secret : new String[] {"131052-308T", "4111 1111 1111 1111"}) {
            ApiClient.Answer answer = api.asStaff("POST", "/customers/{customerId}/history",
                    b -> b.path("customerId", customerId).json("{\"channel\": \"PHONE\", \"summary\": \"Caller gave "
                            + secret + " on the phone\", \"source\": \"PHONE\"}"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("summary");
            assertThat(answer.body()).doesNotContain(secret);
        }
    }

    @Test
    void historyKeepsItsSourceAndOnlyLinksContactsOfTheSameCustomer() {
        String customerId = newCustomer();
        String otherContact = addContact(newCustomer(), TestPeople.contactJson("\"USER\"")).text("contactId");
        String ownContact = addContact(customerId, TestPeople.contactJson("\"USER\"")).text("contactId");
        assertThat(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"EMAIL\", \"summary\": \"Asked about invoices\", \"contactId\": \""
                        + otherContact + "\", \"source\": \"EMAIL\"}")).status()).isEqualTo(400);
        ApiClient.Answer ok = api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"EMAIL\", \"summary\": \"Asked about invoices\", \"contactId\": \""
                        + ownContact + "\", \"source\": \"EMAIL\"}"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.text("source")).isEqualTo("EMAIL");
        assertThat(ok.text("recordedBy")).isEqualTo("staff-user-1");
        assertThat(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", customerId)
                .json("{\"channel\": \"NOTE\", \"summary\": \"Future\", \"occurredAt\": \"2999-01-01T00:00:00Z\", "
                        + "\"source\": \"CUSTOMER\"}")).status()).isEqualTo(400);
    }
}
