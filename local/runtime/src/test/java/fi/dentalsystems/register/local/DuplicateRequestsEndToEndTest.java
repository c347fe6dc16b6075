package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 through the local system as `./dev up` runs it: the same person asking the same thing
 * by mail and then by the form is linked, never blocked — both are verified like any other, staff see
 * the link, completing one completes both with one answer, rejecting one says why and leaves the other.
 */
class DuplicateRequestsEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    private static String idOf(String link) {
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8).split("\\.")[0];
    }

    @Test
    void aMailAndThenTheFormAreOneRequestWithOneAnswer(@TempDir Path dir) throws Exception {
        String person = "tuplapyynto@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            register.mailIn("Tuula Tupla <" + person + ">", "Tarkastuspyyntö", "Hei, haluan tarkastaa tietoni.");
            String byMail = LocalRegister.link(register.awaitMail(person, 1), "/public/verify");
            register.clock.advance(Duration.ofMinutes(5));
            assertThat(register.submitForm("type=ACCESS&lang=fi&email=" + person.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            register.clock.advance(Duration.ofMinutes(5));
            assertThat(register.submitForm("type=RECTIFICATION&lang=fi&email=" + person.replace("@", "%40"))
                    .statusCode()).isEqualTo(202);
            String byForm = LocalRegister.link(register.awaitMail(person, 2), "/public/verify");
            String other = LocalRegister.link(register.awaitMail(person, 3), "/public/verify");
            String original = idOf(byMail);
            String duplicate = idOf(byForm);

            HttpResponse<String> shown = register.staff("GET", "/requests/" + duplicate, null);
            assertThat(shown.body()).contains("\"duplicateOf\":\"" + original + "\"");
            assertThat(register.staff("GET", "/requests/" + original, null).body())
                    .contains("\"duplicates\":[\"" + duplicate + "\"]").doesNotContain("\"duplicateOf\"");
            assertThat(register.staff("GET", "/requests", null).body()).contains("\"duplicateOf\":\"" + original + "\"");
            assertThat(register.staff("GET", "/requests/" + idOf(other), null).body())
                    .as("another type is never a duplicate").doesNotContain("duplicateOf");

            // the duplicate is verified like any other (GHSA-qx5f-ghc2-7g5c), the original is not blocked
            assertThat(register.press(byForm).statusCode()).isEqualTo(200);
            assertThat(register.staff("GET", "/requests/" + duplicate, null).body()).contains("\"status\":\"VERIFIED\"");
            assertThat(register.staff("GET", "/requests/" + original, null).body())
                    .contains("\"status\":\"AWAITING_VERIFICATION\"");

            // completing the verified one completes the group, with one answer
            int before = register.mailsTo(person).size();
            assertThat(register.staff("POST", "/requests/" + duplicate + "/complete", null).statusCode()).isEqualTo(200);
            assertThat(register.mailsTo(person)).as("one answer for the group").hasSize(before + 1);
            String closed = register.staff("GET", "/requests/" + original, null).body();
            assertThat(closed).contains("\"status\":\"COMPLETED\"").contains("ANSWERED_WITH");
            assertThat(register.staff("POST", "/requests/" + original + "/complete", null).statusCode()).isEqualTo(200);
            assertThat(register.mailsTo(person)).as("completing the other again sends nothing").hasSize(before + 1);
            assertThat(register.press(byMail).statusCode()).as("its link died with it").isEqualTo(410);
            assertThat(register.staff("GET", "/requests/" + idOf(other), null).body())
                    .contains("\"status\":\"AWAITING_VERIFICATION\"");
        }
    }

    @Test
    void rejectingADuplicateSaysWhyAndLeavesTheOriginal(@TempDir Path dir) throws Exception {
        String person = "kahdesti@example.fi";
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            assertThat(register.submitForm("type=ERASURE&lang=en&email=" + person.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            register.clock.advance(Duration.ofSeconds(30));
            assertThat(register.submitForm("type=ERASURE&lang=en&email=" + person.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            String original = idOf(LocalRegister.link(register.awaitMail(person, 1), "/public/verify"));
            String duplicate = idOf(LocalRegister.link(register.awaitMail(person, 2), "/public/verify"));
            HttpResponse<String> rejected = register.staff("POST", "/requests/" + duplicate + "/reject", "{}");
            assertThat(rejected.statusCode()).isEqualTo(200);
            assertThat(rejected.body()).contains("\"status\":\"REJECTED\"").contains("duplicate of " + original);
            LocalRegister.OutMail why = register.awaitMail(person, 3);
            assertThat(why.text()).contains(duplicate).contains(original).contains("same as your earlier request");
            assertThat(register.staff("GET", "/requests/" + original, null).body())
                    .contains("\"status\":\"AWAITING_VERIFICATION\"");
            assertThat(register.staff("POST", "/requests/" + original + "/reject", "{}").statusCode())
                    .as("an original still needs a reason").isEqualTo(400);
        }
    }
}
