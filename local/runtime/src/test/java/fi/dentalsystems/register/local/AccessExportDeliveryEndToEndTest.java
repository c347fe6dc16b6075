package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACCESS (art. 15/20) through the handlers, as a person and staff meet it: the public form, the
 * verification link, staff completing, the mail with the export link, the export page (the
 * person's own data only), the link refused the second time and after seven days, and what is
 * left in every table and in the exports folder.
 */
class AccessExportDeliveryEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final String PERSON = "aada@example.fi";

    @Test
    void theRequesterGetsTheirOwnExportOnceThroughTheMailedLink(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String customerId = register.clinic();
            String contactId = register.contact(customerId, "Aada Äänekoski", PERSON, "TECHNICAL", "CUSTOMER");
            String otherId = register.contact(customerId, "Bertta Muukalainen", "bertta@example.fi", "BILLING", "PHONE");
            assertThat(register.staff("POST", "/customers/" + customerId + "/history", "{\"channel\": \"PHONE\", "
                    + "\"summary\": \"Aada soitti tulostinongelmasta\", \"contactId\": \"" + contactId + "\", "
                    + "\"source\": \"PHONE\"}").statusCode()).isEqualTo(201);
            assertThat(register.staff("POST", "/customers/" + customerId + "/history", "{\"channel\": \"NOTE\", "
                    + "\"summary\": \"Bertta pyysi laskukopiota\", \"contactId\": \"" + otherId + "\", "
                    + "\"source\": \"PHONE\"}").statusCode()).isEqualTo(201);

            var registerBefore = register.everyTable();
            List.of("AuditTable", "RequestsTable").forEach(registerBefore::remove);

            // the person asks through the form and opens the verification link
            assertThat(register.submitForm("type=ACCESS&lang=fi&name=Aada&email=" + PERSON.replace("@", "%40"))
                    .statusCode()).isEqualTo(202);
            String verify = LocalRegister.link(register.awaitMail(PERSON, 1), "/public/verify");
            assertThat(register.open(verify).statusCode()).isEqualTo(200);
            assertThat(register.press(verify).statusCode()).isEqualTo(200);
            String requestId = URLDecoder.decode(verify.substring(verify.indexOf("token=") + 6), StandardCharsets.UTF_8)
                    .split("\\.")[0];

            // staff review the export and complete the request
            assertThat(register.staff("GET", "/requests/" + requestId + "/export", null).body()).contains("Aada Äänekoski");
            HttpResponse<String> completed = register.staff("POST", "/requests/" + requestId + "/complete", null);
            assertThat(completed.statusCode()).isEqualTo(200);
            assertThat(completed.body()).contains("\"status\":\"COMPLETED\"");
            Path stored = register.exports.resolve("exports/" + requestId + ".html");
            assertThat(stored).exists();

            LocalRegister.OutMail answer = register.awaitMail(PERSON, 2);
            assertThat(answer.subject()).isEqualTo("Tietosi ovat valmiina");
            assertThat(answer.text()).doesNotContain("Äänekoski").doesNotContain("Klinikka");
            String exportLink = LocalRegister.link(answer, "/public/exports/");
            String secret = exportLink.substring(exportLink.lastIndexOf('.') + 1);

            // the link shows a page with one button (a mail scanner fetching it spends nothing) ...
            for (int fetch = 0; fetch < 2; fetch++) {
                HttpResponse<String> ready = register.open(exportLink);
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("Tietosi ovat valmiina").contains("Avaa tietosi")
                        .doesNotContain("Aada").doesNotContain(PERSON);
            }
            assertThat(stored).as("showing the link's page keeps the export").exists();
            // ... and the button opens the person's export, in Finnish, with the JSON inside
            HttpResponse<String> page = register.press(exportLink);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(page.body()).contains("<html lang=\"fi\"").contains("Aada Äänekoski")
                    .contains("Aada soitti tulostinongelmasta")
                    .contains("Tietosi Dental-Systems Oy:n asiakasrekisterissä")
                    .contains("Yhteyshenkilötiedot asiakkaiden rekistereissä")
                    .contains("Sinua koskevat asiakashistorian merkinnät").contains("Tietosuojapyyntösi")
                    .contains("Koneluettava kopio").contains("asiakassuhteen päättymisestä")
                    .doesNotContain("Contact records in customers' registers").doesNotContain("as recorded on each item")
                    .doesNotContain("Bertta").doesNotContain("bertta@example.fi").doesNotContain(otherId);
            Matcher data = Pattern.compile("href=\"data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\"")
                    .matcher(page.body());
            assertThat(data.find()).as("the JSON download").isTrue();
            String json = new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8);
            assertThat(json).contains("\"schemaVersion\":\"3\"").contains("Aada Äänekoski").contains(requestId)
                    .doesNotContain("Bertta");
            assertThat(stored).as("a served export is deleted").doesNotExist();

            // the second use is refused, with a page that names nothing — the button and the link alike
            HttpResponse<String> again = register.press(exportLink);
            assertThat(register.open(exportLink).body()).isEqualTo(again.body());
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).contains("Linkki ei ole enää voimassa").doesNotContain("Aada")
                    .doesNotContain(PERSON).doesNotContain(requestId);
            HttpResponse<String> unknown = register.open("http://localhost:0/public/exports/req_01JZZZZZZZZZZZZZZZZZZZZZZZ.x");
            HttpResponse<String> garbage = register.open("http://localhost:0/public/exports/%3Cscript%3E");
            assertThat(unknown.statusCode()).isEqualTo(410);
            assertThat(garbage.statusCode()).isEqualTo(410);
            assertThat(unknown.body()).as("an unknown link looks like a used one").isEqualTo(again.body())
                    .isEqualTo(garbage.body());

            // a second access request, left unopened for more than seven days: refused as well
            assertThat(register.submitForm("type=ACCESS&lang=en&email=" + PERSON.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            String verify2 = LocalRegister.link(register.awaitMail(PERSON, 3), "/public/verify");
            assertThat(register.open(verify2).statusCode()).isEqualTo(200);
            assertThat(register.press(verify2).statusCode()).isEqualTo(200);
            String requestId2 = URLDecoder.decode(verify2.substring(verify2.indexOf("token=") + 6),
                    StandardCharsets.UTF_8).split("\\.")[0];
            assertThat(register.staff("POST", "/requests/" + requestId2 + "/complete", null).statusCode()).isEqualTo(200);
            LocalRegister.OutMail answer2 = register.awaitMail(PERSON, 4);
            assertThat(answer2.subject()).isEqualTo("Your data is ready");
            String expiring = LocalRegister.link(answer2, "/public/exports/");
            register.clock.advance(Duration.ofDays(7).plusMinutes(1));
            HttpResponse<String> expired = register.open(expiring);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).isEqualTo(again.body());
            assertThat(register.mailsTo(PERSON)).as("verification, export, verification, export").hasSize(4);
            assertThat(register.mails()).as("no mail to anyone else").hasSize(4);

            // what remains: the secrets nowhere (hashes only), the address only where the register keeps it
            String secret2 = expiring.substring(expiring.lastIndexOf('.') + 1);
            assertThat(register.whereIs(secret)).isEmpty();
            assertThat(register.whereIs(secret2)).isEmpty();
            assertThat(register.whereIs(PERSON)).allSatisfy(at -> assertThat(at).isIn(
                    "ContactsTable.email", "ContactsTable.emailKey", "RequestsTable.email", "RequestsTable.emailKey"));
            assertThat(register.whereIs("Äänekoski")).containsOnly("ContactsTable.name");
            var requestsTable = register.everyTable().get("RequestsTable");
            var first = requestsTable.stream().filter(i -> i.get("requestId").contains(requestId)).findFirst().orElseThrow();
            assertThat(first).as("a used link keeps no hash").doesNotContainKey("tokenHash");
            assertThat(first.get("status")).contains("COMPLETED");
            var second = requestsTable.stream().filter(i -> i.get("requestId").contains(requestId2)).findFirst().orElseThrow();
            assertThat(second).as("an unused one keeps only its hash until the request is purged").containsKey("tokenHash");
            String events = register.staff("GET", "/requests/" + requestId, null).body();
            assertThat(List.of("RECEIVED", "VERIFICATION_SENT", "VERIFIED", "EXPORT_STORED", "COMPLETED",
                    "EXPORT_LINK_ISSUED", "ANSWER_SENT", "EXPORT_OPENED"))
                    .allSatisfy(kind -> assertThat(events).contains("\"" + kind + "\""));
            long auditForRequest = register.everyTable().get("AuditTable").stream()
                    .filter(i -> i.getOrDefault("targetId", "").contains(requestId)).count();
            assertThat(auditForRequest).as("audit items naming the request, one per step at least").isGreaterThanOrEqualTo(7);
            var registerAfter = register.everyTable();
            List.of("AuditTable", "RequestsTable").forEach(registerAfter::remove);
            assertThat(registerAfter).as("an access request reads the register and changes none of it")
                    .isEqualTo(registerBefore);
            assertThat(registerAfter.get("ContactsTable")).hasSize(2);
            try (var left = Files.walk(register.exports)) {
                assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .as("only the unopened export waits, for the bucket's lifecycle rule")
                        .containsExactly(requestId2 + ".html");
            }
        }
    }
}
