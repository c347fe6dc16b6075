package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.core.format.ReadableTime;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates a person can read (issue 15), through the handlers as people meet them: every page and
 * mail a data subject gets on the way — verification page, reminder, extension, export mail and
 * page, a fresh link after the first lapsed, the erasure answer — shows dates in the reader's
 * language and Helsinki time and never a raw ISO instant; staff's JSON keeps ISO 8601.
 */
class ReadableDatesEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final String PERSON = "paivi@example.fi";
    static final String OTHER = "erik@example.fi";

    @Test
    @SuppressWarnings("unchecked")
    void noPageOrMailForADataSubjectShowsARawInstantAndStaffJsonKeepsIso(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String customerId = register.clinic();
            String contactId = register.contact(customerId, "Päivi Päiväys", PERSON, "TECHNICAL", "CUSTOMER");
            assertThat(register.staff("POST", "/customers/" + customerId + "/history", "{\"channel\": \"PHONE\", "
                    + "\"summary\": \"Päivi kysyi varmuuskopioista\", \"contactId\": \"" + contactId + "\", \"source\": \"PHONE\"}")
                    .statusCode()).isEqualTo(201);
            List<String> pages = new ArrayList<>();
            RequestHandler<Map<String, Object>, Map<String, Object>> monitor =
                    (RequestHandler<Map<String, Object>, Map<String, Object>>) register.functions.handler(
                            "DeadlineMonitorFunction");

            // ACCESS in Finnish: the verification page names the day it was received
            assertThat(register.submitForm("type=ACCESS&lang=fi&email=" + PERSON.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            String verify = LocalRegister.link(register.awaitMail(PERSON, 1), "/public/verify");
            HttpResponse<String> confirmPage = register.open(verify);
            assertThat(confirmPage.body()).contains("vastaanotettu " + ReadableTime.date(register.clock.instant(),
                    fi.dentalsystems.register.core.domain.Language.FI.locale()));
            pages.add(confirmPage.body());
            pages.add(register.press(verify).body());
            String requestId = URLDecoder.decode(verify.substring(verify.indexOf("token=") + 6), StandardCharsets.UTF_8)
                    .split("\\.")[0];
            assertThat(register.staff("POST", "/requests/" + requestId + "/extend",
                    "{\"months\": 1, \"reason\": \"Laaja historia\"}").statusCode()).isEqualTo(200);
            assertThat(register.awaitMail(PERSON, 2).text()).containsPattern("viimeistään \\d{1,2}\\.\\d{1,2}\\.\\d{4}\\.");
            assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode()).isEqualTo(200);
            LocalRegister.OutMail ready = register.awaitMail(PERSON, 3);
            assertThat(ready.text()).containsPattern("vanhenee \\d{1,2}\\.\\d{1,2}\\.\\d{4} klo \\d{1,2}\\.\\d{2} Suomen aikaa");

            // the link lapses unopened: the daily run records it, staff send a fresh one, the person opens it
            String lapsed = LocalRegister.link(ready, "/public/exports/");
            register.clock.advance(Duration.ofDays(7).plusHours(1));
            Map<String, Object> daily = monitor.handleRequest(Map.of(), null);
            assertThat((List<Object>) daily.get("exportLinksExpired")).containsExactly(requestId);
            pages.add(register.open(lapsed).body());
            HttpResponse<String> resent = register.staff("POST", "/requests/" + requestId + "/export/resend", null);
            assertThat(resent.statusCode()).isEqualTo(200);
            LocalRegister.OutMail fresh = register.awaitMail(PERSON, 4);
            assertThat(fresh.subject()).isEqualTo("Uusi linkki tietoihisi");
            String link = LocalRegister.link(fresh, "/public/exports/");
            pages.add(register.open(link).body());
            HttpResponse<String> export = register.press(link);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).contains("Päivi kysyi varmuuskopioista").contains("Suomen aikaa");
            pages.add(export.body());

            // staff's JSON keeps ISO 8601
            String json = register.staff("GET", "/requests/" + requestId, null).body();
            assertThat(ReadableTime.containsIsoInstant(json)).isTrue();
            assertThat(json).contains("\"EXPORT_EXPIRED\"").contains("\"EXPORT_RESENT\"");

            // ERASURE in English, after a reminder: the answer says by which day no copy remains
            assertThat(register.submitForm("type=ERASURE&lang=en&email=" + OTHER.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            register.awaitMail(OTHER, 1);
            register.clock.advance(Duration.ofHours(25));
            monitor.handleRequest(Map.of(), null);
            LocalRegister.OutMail reminder = register.awaitMail(OTHER, 2);
            assertThat(reminder.text()).containsPattern("closed without action on \\d{1,2} [A-Z][a-z]+ \\d{4}\\.");
            String verifyOther = LocalRegister.link(reminder, "/public/verify");
            pages.add(register.open(verifyOther).body());
            pages.add(register.press(verifyOther).body());
            String erasureId = URLDecoder.decode(verifyOther.substring(verifyOther.indexOf("token=") + 6),
                    StandardCharsets.UTF_8).split("\\.")[0];
            assertThat(register.staff("POST", "/requests/" + erasureId + "/complete", null).statusCode()).isEqualTo(200);
            LocalRegister.OutMail erased = register.awaitMail(OTHER, 3);
            assertThat(erased.text()).containsPattern("by \\d{1,2} [A-Z][a-z]+ \\d{4} no copy remains");

            List<LocalRegister.OutMail> toSubjects = new ArrayList<>(register.mailsTo(PERSON));
            toSubjects.addAll(register.mailsTo(OTHER));
            assertThat(toSubjects).hasSize(7);
            assertThat(toSubjects).allSatisfy(m -> assertThat(ReadableTime.containsIsoInstant(m.subject() + m.text()))
                    .as("a raw instant in the mail '" + m.subject() + "'").isFalse());
            assertThat(pages).hasSize(7).allSatisfy(p -> assertThat(ReadableTime.containsIsoInstant(p))
                    .as("a raw instant in a page: " + p.substring(0, Math.min(200, p.length()))).isFalse());
        }
    }
}
