package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.local.support.Backup;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's restore runbook on the local runtime (issue 14, decision 0017): people added over the
 * HTTP API, the personal tables backed up, one person erased the whole way (form, link, staff
 * complete), the backup put back over the tables, then reapply-erasures as `./dev reapply-erasures`
 * builds it, and the audit verified as `GET /audit/integrity` answers it.
 */
class RestoreRunbookEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    private static String contact(LocalRegister register, String customerId, String name, String email) {
        return LocalRegister.field(register.staff("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"" + name + "\", \"email\": \"" + email + "\", \"phone\": \"040 111 2233\", "
                        + "\"roles\": [\"TECHNICAL\"], \"source\": \"CUSTOMER\"}").body(), "contactId");
    }

    private static String customer(LocalRegister register, String businessId) {
        return LocalRegister.field(register.staff("POST", "/customers", "{\"name\": \"Asema " + businessId
                + " Oy\", \"businessId\": \"" + businessId + "\", \"email\": \"office-" + businessId + "@asema.example\", "
                + "\"phone\": \"09 1234 5678\", \"billingAddress\": {\"street\": \"Katu 1\", \"postalCode\": \"00100\", "
                + "\"city\": \"Helsinki\", \"country\": \"FI\"}}").body(), "customerId");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestoreFollowedByReapplyErasuresLeavesTheErasedPersonErased(@TempDir Path dir) throws Exception {
        String person = "eetu.erased@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String customerId = customer(register, SampleBusinessIds.nth(4_101));
            String erasedId = contact(register, customerId, "Eetu Erased", person);
            String stayingId = contact(register, customerId, "Tuula Stays", "tuula.stays@example.fi");
            assertThat(register.staff("POST", "/customers/" + customerId + "/history", "{\"channel\": \"PHONE\", "
                    + "\"summary\": \"Eetu Erased called about the printer\", \"contactId\": \"" + erasedId
                    + "\", \"source\": \"PHONE\"}").statusCode()).isEqualTo(201);
            assertThat(register.as("service", "PUT", "/contacts/" + erasedId + "/credentials/portal",
                    "{\"username\": \"eetu.e\"}").statusCode()).isEqualTo(200);

            // the backup: point-in-time recovery's copy of the personal tables, an hour before the erasure
            Instant restorePoint = register.clock.instant();
            Backup backup = Backup.of(ENGINE.client(), List.of("CustomersTable", "ContactsTable", "HistoryTable",
                    "CredentialsTable", "RequestsTable").stream().map(ENGINE.tableNamesByLogicalId()::get).toList());
            register.clock.advance(Duration.ofHours(1));

            assertThat(register.submitForm("type=ERASURE&lang=fi&name=Eetu+Erased&details=Poistakaa+Eetu"
                    + "&email=eetu.erased%40example.fi").statusCode()).isEqualTo(202);
            String link = LocalRegister.link(register.awaitMail(person, 1), "/public/verify");
            assertThat(register.open(link).statusCode()).isEqualTo(200);
            assertThat(register.press(link).statusCode()).isEqualTo(200);
            String requestId = URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8)
                    .split("\\.")[0];
            assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode()).isEqualTo(200);
            assertThat(register.whereIs("Eetu Erased")).isEmpty();
            // the answer, in the requester's language: backups, the day no copy remains, re-applied after a restore
            assertThat(register.awaitMail(person, 2).text()).contains("varmuuskopioissa korvautuvat 35 päivän kuluessa")
                    .contains("poisto tehtäisiin uudelleen heti palautuksen jälkeen");

            // the restore brings Eetu back
            backup.restore();
            assertThat(register.whereIs("Eetu Erased")).as("restored").isNotEmpty();

            // reapply-erasures --since <restore point>, as ./dev builds it from template.yaml
            register.clock.advance(Duration.ofMinutes(30));
            Map<String, Object> report = ((RequestHandler<Map<String, Object>, Map<String, Object>>)
                    register.functions.handler("ReapplyErasuresFunction")).handleRequest(
                    Map.of("since", restorePoint.toString()), null);

            assertThat(report.get("requestIds")).isEqualTo(List.of(requestId));
            assertThat((Map<String, Long>) report.get("counts")).containsEntry("contactsDeleted", 1L)
                    .containsEntry("historyEntriesDeleted", 1L).containsEntry("credentialsDeleted", 1L);
            assertThat(register.whereIs("Eetu Erased")).as("gone again, everywhere").isEmpty();
            assertThat(register.whereIs("Poistakaa Eetu")).isEmpty();
            assertThat(register.whereIs(person)).as("the erasure ledger holds no address")
                    .doesNotContain("ErasureLedgerTable.addressHash").allMatch(where -> where.startsWith("RequestsTable."));
            assertThat(register.staff("GET", "/contacts/" + erasedId, null).statusCode()).isEqualTo(404);
            assertThat(register.staff("GET", "/contacts/" + stayingId, null).statusCode()).as("Tuula stays")
                    .isEqualTo(200);

            // verify: the audit's chains are intact after the erasure, the restore and the re-applied erasure
            String today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).toString();
            String day = LocalDate.ofInstant(register.clock.instant(), ZoneOffset.UTC).toString();
            String from = today.compareTo(day) < 0 ? today : day;
            String to = today.compareTo(day) < 0 ? day : today;
            var integrity = register.as("admin", "GET", "/audit/integrity?from=" + from + "&to=" + to, null);
            assertThat(integrity.statusCode()).isEqualTo(200);
            assertThat(integrity.body()).contains("\"intact\":true");
        }
    }
}
