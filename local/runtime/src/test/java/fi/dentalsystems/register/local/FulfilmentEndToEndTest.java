package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESTRICTION, RECTIFICATION and ERASURE the whole way, on the local runtime: the person asks by
 * the form or by mail, opens the verification link, staff complete; then what the person receives
 * and what is left in every table. Each test has its own engine tables and its own people.
 */
class FulfilmentEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    record Seeded(String customerId, String contactId, String otherId, String businessId) {
    }

    private static Seeded seed(LocalRegister register, String person, String name, String businessId) {
        String customerId = LocalRegister.field(register.staff("POST", "/customers", "{\"name\": \"Asema " + businessId
                + " Oy\", \"businessId\": \"" + businessId + "\", \"email\": \"office-" + businessId + "@asema.example\", "
                + "\"phone\": \"09 1234 5678\", \"billingAddress\": {\"street\": \"Katu 1\", \"postalCode\": \"00100\", "
                + "\"city\": \"Helsinki\", \"country\": \"FI\"}}").body(), "customerId");
        String contactId = LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"" + name + "\", \"email\": \"" + person + "\", \"phone\": \"040 111 " + businessId.substring(0, 4) + "\", "
                        + "\"roles\": [\"TECHNICAL\"], \"source\": \"CUSTOMER\"}").body(), "contactId");
        String otherId = LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"Olga Other\", \"email\": \"olga-" + businessId + "@example.fi\", "
                        + "\"roles\": [\"USER\"], \"source\": \"CUSTOMER\"}").body(), "contactId");
        assertThat(register.staff("POST", "/customers/" + customerId + "/history", "{\"channel\": \"PHONE\", "
                + "\"summary\": \"" + name + " called about the printer\", \"contactId\": \"" + contactId
                + "\", \"source\": \"PHONE\"}").statusCode()).isEqualTo(201);
        return new Seeded(customerId, contactId, otherId, businessId);
    }

    /** Opens the verification link of the person's n-th mail and presses its button; returns the request id it names. */
    private static String verify(LocalRegister register, String person, int mailNo) throws InterruptedException {
        String link = LocalRegister.link(register.awaitMail(person, mailNo), "/public/verify");
        assertThat(register.open(link).statusCode()).isEqualTo(200);
        assertThat(register.press(link).statusCode()).isEqualTo(200);
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8).split("\\.")[0];
    }

    private static void completedAndAnsweredOnce(LocalRegister register, String requestId) {
        HttpResponse<String> done = register.staff("POST", "/requests/" + requestId + "/complete", null);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("\"status\":\"COMPLETED\"");
        // a retried click: same answer, no second mail (the caller counts the mails)
        assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode()).isEqualTo(200);
    }

    private static Map<String, String> item(LocalRegister register, String table, String key, String id) {
        return register.everyTable().get(table).stream().filter(i -> i.getOrDefault(key, "").contains(id)).findFirst()
                .orElse(Map.of());
    }

    @Test
    void restrictionByTheFormKeepsTheRecordsButOutOfEveryList(@TempDir Path dir) throws Exception {
        String person = "rasmus@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            Seeded s = seed(register, person, "Rasmus Restrict", "0112038-9");
            assertThat(register.staff("GET", "/marketing/recipients", null).body()).contains(s.contactId());

            assertThat(register.submitForm("type=RESTRICTION&lang=sv&email=rasmus%40example.fi").statusCode()).isEqualTo(202);
            String requestId = verify(register, person, 1);
            completedAndAnsweredOnce(register, requestId);

            assertThat(register.mailsTo(person)).hasSize(2);
            LocalRegister.OutMail answer = register.mailsTo(person).get(1);
            assertThat(answer.subject()).isEqualTo("Behandlingen av dina uppgifter har begränsats");
            assertThat(answer.text()).contains(requestId).doesNotContain("Rasmus").doesNotContain("Asema");
            assertThat(register.mails()).hasSize(2);

            assertThat(register.staff("GET", "/marketing/recipients", null).body()).doesNotContain(s.contactId())
                    .contains(s.otherId());
            assertThat(register.staff("GET", "/notifications/recipients?customerId=" + s.customerId(), null).body())
                    .doesNotContain(s.contactId());
            // every table: the person's records are all still there, marked; nobody else's changed
            assertThat(item(register, "ContactsTable", "contactId", s.contactId()))
                    .containsEntry("restrictionRequestId", "AttributeValue(S=" + requestId + ")")
                    .containsKeys("restrictedAt", "name", "email", "phone");
            assertThat(item(register, "ContactsTable", "contactId", s.otherId())).doesNotContainKey("restrictedAt");
            assertThat(register.everyTable().get("HistoryTable")).filteredOn(h -> h.get("customerId").contains(s.customerId()))
                    .hasSize(1);
            assertThat(register.whereIs("Rasmus Restrict")).containsExactlyInAnyOrder("ContactsTable.name",
                    "HistoryTable.summary");
            assertThat(register.whereIs(person)).allSatisfy(at -> assertThat(at).isIn("ContactsTable.email",
                    "ContactsTable.emailKey", "RequestsTable.email", "RequestsTable.emailKey"));
            assertThat(item(register, "RequestsTable", "requestId", requestId).get("status")).contains("COMPLETED");
            assertThat(register.everyTable().get("AuditTable")).anySatisfy(a -> {
                assertThat(a.get("targetId")).contains(s.contactId());
                assertThat(a.get("action")).contains("UPDATE");
            });
            assertThat(register.everyTable().get("SuppressionTable")).isEmpty();
        }
    }

    @Test
    void rectificationByMailIsCorrectedByStaffAndAnswered(@TempDir Path dir) throws Exception {
        String person = "kalle@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            Seeded s = seed(register, person, "Kalle Korjaus", "2345678-0");
            register.mailIn("Kalle Korjaus <" + person + ">", "Tietojen oikaisu",
                    "Hei, puhelinnumeroni on virheellinen. Oikea numero on 040 222 2222. Korjatkaa se.");
            String requestId = verify(register, person, 1);

            HttpResponse<String> records = register.staff("GET", "/requests/" + requestId + "/records", null);
            assertThat(records.body()).contains("040 222 2222").contains("+358401112345").contains(s.contactId());
            HttpResponse<String> contact = register.staff("GET", "/contacts/" + s.contactId(), null);
            String etag = contact.headers().firstValue("etag").orElseThrow();
            HttpResponse<String> patched = register.staff("PATCH", "/contacts/" + s.contactId(),
                    "{\"phone\": \"040 222 2222\"}", "If-Match", etag,
                    "X-Data-Subject-Request", requestId);
            assertThat(patched.statusCode()).isEqualTo(200);
            completedAndAnsweredOnce(register, requestId);

            assertThat(register.mailsTo(person)).hasSize(2);
            assertThat(register.mailsTo(person).get(1).subject()).isEqualTo("Tietosi on korjattu");
            assertThat(register.mails()).hasSize(2);

            assertThat(item(register, "ContactsTable", "contactId", s.contactId()).get("phone")).contains("+358402222222");
            assertThat(register.whereIs("+358401112345")).as("the wrong number is gone from every table").isEmpty();
            assertThat(register.everyTable().get("AuditTable")).anySatisfy(a -> {
                assertThat(a.get("targetId")).contains(s.contactId());
                assertThat(a.get("purpose")).contains("rectification:" + requestId);
            });
            Map<String, String> request = item(register, "RequestsTable", "requestId", requestId);
            assertThat(request.get("status")).contains("COMPLETED");
            assertThat(request.get("channel")).contains("EMAIL");
            assertThat(request.get("type")).contains("RECTIFICATION");
            assertThat(register.whereIs(person)).allSatisfy(at -> assertThat(at).isIn("ContactsTable.email",
                    "ContactsTable.emailKey", "RequestsTable.email", "RequestsTable.emailKey"));
        }
    }

    @Test
    void erasureByTheFormLeavesOnlyTheMinimisedRequest(@TempDir Path dir) throws Exception {
        String person = "erkki@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            Seeded s = seed(register, person, "Erkki Erase", "3456780-6");
            assertThat(register.submitForm("type=ERASURE&lang=en&name=Erkki+Erase&details=Erase+Erkki+please"
                    + "&email=erkki%40example.fi").statusCode()).isEqualTo(202);
            String requestId = verify(register, person, 1);
            completedAndAnsweredOnce(register, requestId);

            assertThat(register.mailsTo(person)).hasSize(2);
            LocalRegister.OutMail answer = register.mailsTo(person).get(1);
            assertThat(answer.subject()).isEqualTo("Your data has been erased");
            assertThat(answer.text()).contains(requestId).doesNotContain("Erkki");
            // backups (35 days of point-in-time recovery) and the day by which no copy remains (issue 14),
            // written as an English reader reads a date (issue 15)
            String noCopyAfter = java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", java.util.Locale.ENGLISH)
                    .format(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Helsinki")).plusDays(35));
            assertThat(answer.text()).contains("backups are overwritten within 35 days")
                    .contains("by " + noCopyAfter + " no copy remains").contains("applied again");
            assertThat(register.mails()).hasSize(2);

            assertThat(register.whereIs("Erkki Erase")).as("name, history and free text gone everywhere").isEmpty();
            assertThat(register.whereIs("Erase Erkki please")).isEmpty();
            assertThat(register.whereIs(person)).as("only the minimised request keeps the address")
                    .containsOnly("RequestsTable.email", "RequestsTable.emailKey");
            assertThat(item(register, "ContactsTable", "contactId", s.contactId())).isEmpty();
            assertThat(item(register, "ContactsTable", "contactId", s.otherId())).as("other people stay").isNotEmpty();
            assertThat(register.everyTable().get("HistoryTable")).filteredOn(h -> h.get("customerId").contains(s.customerId()))
                    .isEmpty();
            assertThat(register.everyTable().get("CustomersTable")).anySatisfy(c ->
                    assertThat(c.get("businessId")).contains(s.businessId()));
            Map<String, String> request = item(register, "RequestsTable", "requestId", requestId);
            assertThat(request.get("status")).contains("COMPLETED");
            assertThat(request).doesNotContainKeys("name", "details");
            assertThat(register.everyTable().get("AuditTable")).anySatisfy(a -> {
                assertThat(a.get("targetId")).contains(s.contactId());
                assertThat(a.get("action")).contains("DELETE");
            });
            assertThat(register.staff("GET", "/marketing/recipients", null).body()).doesNotContain(s.contactId());
        }
    }

    @Test
    void anUnclearMailIsClassifiedByStaffAndThenTakesTheNormalPath(@TempDir Path dir) throws Exception {
        String person = "ulla@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            Seeded s = seed(register, person, "Ulla Unclear", "4567891-5");
            // no request type named: the intake cannot tell what she wants
            register.mailIn("Ulla Unclear <" + person + ">", "Kysymys",
                    "Hei, olen ollut yhteyshenkilönne vuosia. Voisitteko auttaa minua asian kanssa? Terveisin Ulla");
            String requestId = verify(register, person, 1);
            Map<String, String> parked = item(register, "RequestsTable", "requestId", requestId);
            assertThat(parked.get("type")).contains("UNCLASSIFIED");
            assertThat(parked.get("status")).contains("VERIFIED");
            assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode())
                    .as("an unclassified request cannot be completed").isEqualTo(409);

            // staff call her back (she wants her records kept but not used while a dispute is settled) and
            // set the type; the request then takes the normal path
            HttpResponse<String> classified = register.staff("POST", "/requests/" + requestId + "/classify",
                    "{\"type\": \"RESTRICTION\"}");
            assertThat(classified.statusCode()).isEqualTo(200);
            assertThat(classified.body()).contains("\"type\":\"RESTRICTION\"");
            completedAndAnsweredOnce(register, requestId);

            assertThat(register.mailsTo(person)).hasSize(2);
            assertThat(register.mailsTo(person).get(1).subject()).isEqualTo("Tietojesi käsittelyä on rajoitettu");
            assertThat(register.mailsTo(person).get(1).text()).contains(requestId).doesNotContain("Ulla");
            assertThat(item(register, "ContactsTable", "contactId", s.contactId()))
                    .containsEntry("restrictionRequestId", "AttributeValue(S=" + requestId + ")");
            assertThat(item(register, "ContactsTable", "contactId", s.otherId())).doesNotContainKey("restrictedAt");
            Map<String, String> request = item(register, "RequestsTable", "requestId", requestId);
            assertThat(request.get("type")).contains("RESTRICTION");
            assertThat(request.get("status")).contains("COMPLETED");
            assertThat(request.get("events")).contains("CLASSIFIED");
        }
    }
}
