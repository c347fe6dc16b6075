package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.intake.FolderRawMailStore;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail corpus through a real SMTP conversation with the local intake (embedded SMTP
 * server → raw store → the email-intake handler), byte for byte as written.
 */
class SmtpIntakeCorpusTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @TempDir
    static Path inbound;
    static final List<Mail> SENT = Collections.synchronizedList(new ArrayList<>());
    static LocalSmtpIntake smtp;
    static final Path CORPUS = RepositoryRoot.find().resolve("functions/email-intake/src/test/resources/corpus");

    @TempDir
    static Path dlq;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        SamTemplate template = SamTemplate.load();
        var handler = (RequestHandler<Map<String, Object>, Map<String, Object>>) LocalApi.instantiate(template,
                template.function("EmailIntakeFunction").orElseThrow(), ENGINE.client(), ENGINE.tableNamesByLogicalId(),
                Clock.systemUTC(), mail -> {
                    SENT.add(mail);
                    return "m";
                }, Map.of("PUBLIC_BASE_URL", "http://localhost:3000", "INBOUND_FOLDER", inbound.toString(),
                        "INBOUND_BUCKET", LocalSmtpIntake.BUCKET, "INBOUND_PREFIX", ""));
        smtp = new LocalSmtpIntake(fi.dentalsystems.register.local.support.Dynalite.freePort(),
                new FolderRawMailStore(inbound), handler, new LocalAsyncInvoke.Settings(2, List.of(),
                        new LocalDeadLetters(dlq)));
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    /**
     * A plain SMTP client: the bytes go as they are (dot-stuffed), so malformed mail arrives malformed. The
     * envelope sender is the null sender for a message whose Return-Path is {@code <>} (a bounce), as a real
     * sending server would give it.
     */
    static void send(int port, byte[] message) throws IOException {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        boolean bounce = java.util.regex.Pattern.compile("(?im)^Return-Path:\\s*<>").matcher(text).find();
        assertThat(conversation(port, bounce ? "" : "sender@example.com", message)).startsWith("250");
    }

    /** The whole conversation; answers the reply to the end of DATA. */
    static String conversation(int port, String envelopeSender, byte[] message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO test.local", "250");
            command(out, in, "MAIL FROM:<" + envelopeSender + ">" + (envelopeSender.chars().anyMatch(c -> c > 127)
                    ? " SMTPUTF8" : ""), "250");
            command(out, in, "RCPT TO:<tietosuoja@dentalsystems.fi>", "250");
            command(out, in, "DATA", "354");
            String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
            StringBuilder stuffed = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = in.readLine();
            command(out, in, "QUIT", "221");
            return answer;
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP answer").isNotNull();
        } while (line.length() > 3 && line.charAt(3) == '-');
        assertThat(line).startsWith(code);
    }

    @Test
    void everyCorpusMessageHasItsExpectedOutcomeOverSmtp() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String row : Files.readAllLines(CORPUS.resolve("expected.tsv"))) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] cols = row.split("\t");
            send(smtp.port(), Files.readAllBytes(CORPUS.resolve(cols[0])));
            expected.add(cols[0] + " " + cols[1]);
            long deadline = System.currentTimeMillis() + 10_000;
            while (smtp.outcomes().size() < expected.size() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(smtp.outcomes()).as("processed " + cols[0]).hasSize(expected.size());
        }
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            actual.add(expected.get(i).split(" ")[0] + " " + smtp.outcomes().get(i));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        long created = expected.stream().filter(e -> e.endsWith("CREATED")).count();
        assertThat(SENT).as("one verification mail per created request, none for the rest").hasSize((int) created);
    }
}
