package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication-related data (seed §5) through its route on the local runtime: a service records
 * a person's account, secrets are refused by name, the retention clock moves with every write, the
 * person's access copy shows it and an erasure removes it.
 */
class CredentialsEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** The tests share the engine's tables: each customer gets a business id of its own. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    private static String contactOf(LocalRegister register, String person, String businessId) {
        String customerId = LocalRegister.field(register.staff("POST", "/customers", "{\"name\": \"Asema " + businessId
                + " Oy\", \"businessId\": \"" + businessId + "\", \"email\": \"office-" + businessId + "@asema.example\", "
                + "\"phone\": \"09 1234 5678\", \"billingAddress\": {\"street\": \"Katu 1\", \"postalCode\": \"00100\", "
                + "\"city\": \"Helsinki\", \"country\": \"FI\"}}").body(), "customerId");
        return LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"Ville Verkko\", \"email\": \"" + person + "\", \"roles\": [\"USER\"], \"source\": \"CUSTOMER\"}")
                .body(), "contactId");
    }

    private static Map<String, String> credentialItem(LocalRegister register, String contactId) {
        return register.everyTable().get("CredentialsTable").stream()
                .filter(i -> i.get("contactId").contains(contactId)).findFirst().orElse(Map.of());
    }

    private static long purgeAt(Map<String, String> item) {
        return Long.parseLong(item.get("purgeAt").replaceAll("\\D", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "passwordHash", "token", "pin", "apiKey", "secret", "totpSeed", "hash"})
    void aFieldThatLooksLikeASecretIsRefusedByNameNeverByValue(String field, @TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String contactId = contactOf(register, "ville-" + field.toLowerCase(java.util.Locale.ROOT) + "@example.fi",
                    SampleBusinessIds.nth(100 + NEXT.incrementAndGet()));
            HttpResponse<String> refused = register.as("service", "PUT", "/contacts/" + contactId + "/credentials/portal",
                    "{\"username\": \"ville\", \"" + field + "\": \"hunter2-Sekret\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(refused.body()).contains("\"field\":\"" + field + "\"").doesNotContain("hunter2");
            assertThat(credentialItem(register, contactId)).isEmpty();
        }
    }

    @Test
    void aServiceRecordsAnAccountItIsExportedAndErasureRemovesIt(@TempDir Path dir) throws Exception {
        String person = "ville@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String contactId = contactOf(register, person, SampleBusinessIds.nth(100 + NEXT.incrementAndGet()));
            // unknown fields are refused like everywhere; a bad service name is a 400
            assertThat(register.as("service", "PUT", "/contacts/" + contactId + "/credentials/portal",
                    "{\"username\": \"ville\", \"nickname\": \"v\"}").statusCode()).isEqualTo(400);
            assertThat(register.as("service", "PUT", "/contacts/" + contactId + "/credentials/Not_Valid",
                    "{\"username\": \"ville\"}").statusCode()).isEqualTo(400);
            // the service role may use this route and no other
            assertThat(register.as("service", "GET", "/customers?q=asema", null).statusCode()).isEqualTo(403);

            HttpResponse<String> put = register.as("service", "PUT", "/contacts/" + contactId + "/credentials/portal",
                    "{\"username\": \"ville.verkko\"}");
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).contains("\"service\":\"portal\"").contains("\"username\":\"ville.verkko\"");
            long firstClock = purgeAt(credentialItem(register, contactId));
            // 12 months unused from the write
            assertThat(Instant.ofEpochSecond(firstClock)).isAfter(register.clock.instant().plus(Duration.ofDays(364)));

            register.clock.advance(Duration.ofDays(40));
            Instant signIn = register.clock.instant().minusSeconds(60);
            assertThat(register.as("service", "PUT", "/contacts/" + contactId + "/credentials/portal",
                    "{\"username\": \"ville.verkko\", \"lastSignInAt\": \"" + signIn + "\"}").statusCode()).isEqualTo(200);
            long movedClock = purgeAt(credentialItem(register, contactId));
            assertThat(movedClock - firstClock).isBetween(Duration.ofDays(39).toSeconds(), Duration.ofDays(41).toSeconds());

            HttpResponse<String> listed = register.staff("GET", "/contacts/" + contactId + "/credentials", null);
            assertThat(listed.body()).contains("\"lastSignInAt\":\"" + signIn + "\"");
            assertThat(register.everyTable().get("AuditTable")).anySatisfy(a -> {
                assertThat(a.get("targetId")).contains(contactId + "/portal");
                assertThat(a.get("purpose")).contains("service-development");
            });

            // the person asks for their data: the account is in it
            assertThat(register.submitForm("type=ACCESS&lang=en&email=ville%40example.fi").statusCode()).isEqualTo(202);
            String access = requestOf(register, person, 1);
            assertThat(register.staff("GET", "/requests/" + access + "/export", null).body())
                    .contains("\"service\":\"portal\"").contains("ville.verkko");

            // then to erase it: the account metadata goes with the contact
            assertThat(register.submitForm("type=ERASURE&lang=en&email=ville%40example.fi").statusCode()).isEqualTo(202);
            String erasure = requestOf(register, person, 2);
            assertThat(register.staff("POST", "/requests/" + erasure + "/complete", null).statusCode()).isEqualTo(200);
            assertThat(credentialItem(register, contactId)).isEmpty();
            assertThat(register.whereIs("ville.verkko")).isEmpty();
        }
    }

    @Test
    void deletingOneAccountLeavesTheOthers(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String contactId = contactOf(register, "vera@example.fi", SampleBusinessIds.nth(100 + NEXT.incrementAndGet()));
            for (String service : new String[] {"portal", "dentalsuite"}) {
                assertThat(register.staff("PUT", "/contacts/" + contactId + "/credentials/" + service,
                        "{\"username\": \"vera\"}").statusCode()).isEqualTo(200);
            }
            assertThat(register.staff("DELETE", "/contacts/" + contactId + "/credentials/portal", null).statusCode())
                    .isEqualTo(204);
            assertThat(register.staff("DELETE", "/contacts/" + contactId + "/credentials/portal", null).statusCode())
                    .isEqualTo(404);
            assertThat(register.staff("GET", "/contacts/" + contactId + "/credentials", null).body())
                    .contains("dentalsuite").doesNotContain("portal");
        }
    }

    /** Opens the verification link of the person's n-th mail (GET verifies today; issue 11 makes it two steps). */
    private static String requestOf(LocalRegister register, String person, int mailNo) throws InterruptedException {
        String link = LocalRegister.link(register.awaitMail(person, mailNo), "/public/verify");
        assertThat(register.open(link).statusCode()).isEqualTo(200);
        assertThat(register.press(link).statusCode()).isEqualTo(200);
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8).split("\\.")[0];
    }
}
