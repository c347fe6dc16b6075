package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction before release (GDPR art. 15(4); decision 0018) as staff and the person meet it over
 * real HTTP: the person asks by the form, staff withhold a colleague's sick leave from one history
 * entry and a whole entry about someone else's complaint, try and undo a third, review, complete;
 * the export the mailed link delivers (downloaded through its button) lacks both, keeps the rest,
 * and says once that something was withheld, without what or why; afterwards nothing can change;
 * every step is in the audit.
 */
class ExportRedactionEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final String PERSON = "aada.redacted@example.fi";
    static final String SICK_LEAVE = "Bertta Muukalainen oli sairauslomalla";
    static final String REASON = "Another employee's health (Xerxes-reason-marker)";

    @Test
    void theDeliveredCopyLacksWhatStaffWithheldSaysSoAndIsSettledOnceSent(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String customerId = register.clinic();
            String contactId = register.contact(customerId, "Aada Äänekoski", PERSON, "TECHNICAL", "CUSTOMER");
            String mixed = LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/history",
                    "{\"channel\": \"PHONE\", \"summary\": \"Aada soitti tulostinongelmasta. " + SICK_LEAVE + ".\", "
                            + "\"contactId\": \"" + contactId + "\", \"source\": \"PHONE\"}").body(), "entryId");
            String others = LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/history",
                    "{\"channel\": \"MEETING\", \"summary\": \"Cecilia Kolmas valitti Aadan kollegasta\", "
                            + "\"contactId\": \"" + contactId + "\", \"source\": \"CUSTOMER\"}").body(), "entryId");

            assertThat(register.submitForm("type=ACCESS&lang=en&name=Aada&email=" + PERSON.replace("@", "%40"))
                    .statusCode()).isEqualTo(202);
            String verify = LocalRegister.link(register.awaitMail(PERSON, 1), "/public/verify");
            assertThat(register.open(verify).statusCode()).isEqualTo(200);
            assertThat(register.press(verify).statusCode()).isEqualTo(200);
            String requestId = URLDecoder.decode(verify.substring(verify.indexOf("token=") + 6), StandardCharsets.UTF_8)
                    .split("\\.")[0];
            String redactions = "/requests/" + requestId + "/export/redactions";

            // staff withhold a passage and an entry, and try a third they then undo
            HttpResponse<String> passage = register.staff("POST", redactions, "{\"itemId\": \"" + mixed + "\", "
                    + "\"passage\": \"" + SICK_LEAVE + "\", \"reason\": \"" + REASON + "\"}");
            assertThat(passage.statusCode()).isEqualTo(201);
            assertThat(register.staff("POST", redactions, "{\"itemId\": \"" + others + "\", \"reason\": \"" + REASON
                    + "\"}").statusCode()).isEqualTo(201);
            String mistaken = LocalRegister.field(register.staff("POST", redactions, "{\"itemId\": \"" + contactId
                    + "\", \"reason\": \"" + REASON + "\"}").body(), "redactionId");
            assertThat(register.staff("DELETE", redactions + "/" + mistaken, null).statusCode()).isEqualTo(204);

            String review = register.staff("GET", "/requests/" + requestId + "/export", null).body();
            assertThat(review).contains("\"redactions\"").contains(REASON).contains("Aada Äänekoski")
                    .doesNotContain(mistaken).doesNotContain("Cecilia Kolmas");

            assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode()).isEqualTo(200);
            String exportLink = LocalRegister.link(register.awaitMail(PERSON, 2), "/public/exports/");
            HttpResponse<String> page = register.press(exportLink);
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher data = Pattern.compile("href=\"data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\"")
                    .matcher(page.body());
            assertThat(data.find()).as("the JSON download").isTrue();
            String json = new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8);
            for (String copy : new String[] {page.body(), json}) {
                assertThat(copy).as("the undone redaction withholds nothing").contains("Aada Äänekoski")
                        .contains(contactId).contains("Aada soitti tulostinongelmasta. [withheld].")
                        .contains("Some information has been withheld from this copy to protect the rights and "
                                + "freedoms of other people (GDPR Article 15(4))")
                        .doesNotContain(SICK_LEAVE).doesNotContain("Bertta").doesNotContain("Cecilia Kolmas")
                        .doesNotContain(others).doesNotContain("Xerxes-reason-marker").doesNotContain("rdn_");
            }
            assertThat(json).contains("\"schemaVersion\":\"3\"").contains(mixed);

            // settled once sent
            assertThat(register.staff("POST", redactions, "{\"itemId\": \"" + mixed + "\", \"reason\": \"" + REASON
                    + "\"}").statusCode()).isEqualTo(409);
            String kept = LocalRegister.field(passage.body(), "redactionId");
            assertThat(register.staff("DELETE", redactions + "/" + kept, null).statusCode()).isEqualTo(409);

            // the register's own records keep what the copy withheld; the audit has every step
            assertThat(register.staff("GET", "/customers/" + customerId + "/history", null).body()).contains(SICK_LEAVE);
            var audit = register.everyTable().get("AuditTable");
            assertThat(audit.stream().filter(i -> i.getOrDefault("route", "").contains("/export/redactions/"))
                    .filter(i -> i.getOrDefault("targetId", "").contains(requestId)).count())
                    .as("the undo, audited").isEqualTo(1);
            assertThat(audit.stream().filter(i -> i.getOrDefault("route", "").contains("POST /requests/{requestId}"
                    + "/export/redactions")).filter(i -> i.getOrDefault("targetId", "").contains(requestId))
                    .filter(i -> i.getOrDefault("action", "").contains("UPDATE")).count())
                    .as("each of the three redactions, audited as a change of the request").isEqualTo(3);
            assertThat(register.whereIs("Xerxes-reason-marker")).as("the reason lives on the request only")
                    .containsOnly("RequestsTable.redactions");
        }
    }
}
