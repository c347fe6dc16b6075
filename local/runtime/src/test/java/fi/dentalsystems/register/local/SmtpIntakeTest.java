package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.intake.MailFeedback;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.intake.FolderRawMailStore;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local SMTP intake in real SMTP conversations: it takes the null sender every bounce uses, and a
 * bounce of the register's verification mail marks its request; it answers 451 (try again) when it
 * cannot keep a message; it takes internationalised addresses (RFC 6531/6532).
 */
class SmtpIntakeTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void aBounceOfTheVerificationMailFromTheNullSenderMarksTheRequestVerificationBounced(@TempDir Path dir)
            throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            register.mailIn("Aino <aino.nowhere@example.fi>", "Tarkastuspyyntö", "Haluan tarkastaa tietoni.");
            register.awaitMail("aino.nowhere@example.fi", 1);
            String sent = newestEml(register.outbox);
            String headers = sent.substring(0, sent.indexOf("\r\n\r\n"));
            String dsn = "From: Mail Delivery System <MAILER-DAEMON@mx.example.fi>\r\n"
                    + "To: tietosuoja@dentalsystems.fi\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                    + "Date: Tue, 24 Nov 2026 10:00:00 +0200\r\nMessage-ID: <dsn-1@mx.example.fi>\r\n"
                    + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                    + "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
                    + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.fi\r\n\r\n"
                    + "Final-Recipient: rfc822; aino.nowhere@example.fi\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                    + "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n"
                    + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n" + headers + "\r\n--b1--\r\n";
            String answer = SmtpIntakeCorpusTest.conversation(register.smtp.port(), "", dsn.getBytes(StandardCharsets.UTF_8));
            assertThat(answer).as("the null sender is accepted").startsWith("250");
            DataSubjectRequest r = ENGINE.register().requests()
                    .withEmail(ContactRepository.emailKey("aino.nowhere@example.fi")).get(0);
            assertThat(register.smtp.outcomes()).contains("BOUNCE_RECORDED");
            String shown = register.staff("GET", "/requests/" + r.requestId(), null).body();
            assertThat(shown).as("staff see it").contains(MailFeedback.VERIFICATION_BOUNCED).contains("5.1.1");
            assertThat(register.mailsTo("aino.nowhere@example.fi")).as("no mail back to a bounce").hasSize(1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheRegisterCannotBeReachedTheIntakeAnswers451AndKeepsNothing(@TempDir Path dir) throws Exception {
        SamTemplate template = SamTemplate.load();
        // an engine that is not there: nothing listens on the port
        try (DynamoDbClient gone = DynamoDbConnection.create(Optional.of("http://127.0.0.1:" + Dynalite.freePort()),
                "eu-west-1")) {
            var handler = (RequestHandler<Map<String, Object>, Map<String, Object>>) LocalApi.instantiate(template,
                    template.function("EmailIntakeFunction").orElseThrow(), gone, ENGINE.tableNamesByLogicalId(),
                    Clock.systemUTC(), mail -> "m", Map.of("PUBLIC_BASE_URL", "http://localhost",
                            "INBOUND_FOLDER", dir.resolve("inbound").toString(),
                            "INBOUND_BUCKET", LocalSmtpIntake.BUCKET, "INBOUND_PREFIX", ""));
            LocalDeadLetters deadLetters = new LocalDeadLetters(dir.resolve("dlq"));
            try (LocalSmtpIntake smtp = new LocalSmtpIntake(Dynalite.freePort(), new FolderRawMailStore(dir.resolve("inbound")),
                    handler, new LocalAsyncInvoke.Settings(2, List.of(), deadLetters))) {
                String answer = SmtpIntakeCorpusTest.conversation(smtp.port(), "eero@example.fi",
                        ("From: eero@example.fi\r\nSubject: Poistopyyntö\r\nMessage-ID: <gone-1@example.fi>\r\n\r\n"
                                + "Poistakaa tietoni.\r\n").getBytes(StandardCharsets.UTF_8));
                assertThat(answer).as("a temporary failure: the sending server keeps the mail and retries").startsWith("451");
                try (Stream<Path> kept = Files.walk(dir.resolve("inbound"))) {
                    assertThat(kept.filter(Files::isRegularFile).toList()).as("nothing half-kept").isEmpty();
                }
                assertThat(deadLetters.all()).isEmpty();
            }
        }
    }

    @Test
    void anInternationalisedAddressIsAValidSender(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String answer = SmtpIntakeCorpusTest.conversation(register.smtp.port(), "jösé@exämple.fi",
                    ("From: José <jösé@exämple.fi>\r\nTo: tietosuoja@dentalsystems.fi\r\nSubject: Tarkastuspyyntö\r\n"
                            + "Message-ID: <eai-1@exämple.fi>\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHaluan tarkastaa tietoni.\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(answer).startsWith("250");
            register.awaitMail("jösé@exämple.fi", 1);
            assertThat(ENGINE.register().requests().withEmail(ContactRepository.emailKey("jösé@exämple.fi"))).hasSize(1);
        }
    }

    static String newestEml(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            Path newest = files.filter(f -> f.toString().endsWith(".eml")).sorted().reduce((a, b) -> b).orElseThrow();
            String eml = Files.readString(newest);
            Matcher id = Pattern.compile("(?m)^Message-ID: <verification\\.req_").matcher(eml);
            assertThat(id.find()).as("the verification mail names its request in its Message-ID").isTrue();
            return eml;
        }
    }
}
