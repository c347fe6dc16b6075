package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail corpus (src/test/resources/corpus, expected.tsv) through the SES event path: raw
 * MIME in the inbound store, the SES event with its verdicts, the handler, the Requests table.
 */
class CorpusThroughSesEventTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** dynalite checks no IAM: after the class, every call made through it must be one EmailIntakeFunction's policy allows. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("EmailIntakeFunction");
    @TempDir
    static Path inbound;
    static final List<Mail> SENT = Collections.synchronizedList(new ArrayList<>());
    static FolderRawMailStore store;
    static EmailIntakeHandler handler;
    static RequestRepository requests;

    @BeforeAll
    static void setUp() {
        store = new FolderRawMailStore(inbound);
        handler = new EmailIntakeHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()), ENGINE.tables(), Clock.systemUTC(), mail -> {
            SENT.add(mail);
            return "m" + SENT.size();
        }, RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000", "INBOUND_BUCKET", "inbound"))), store);
        requests = new RequestRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build(),
                ENGINE.tableNamesByLogicalId().get("RequestsTable"));
    }

    static byte[] corpus(String name) throws IOException {
        try (InputStream in = CorpusThroughSesEventTest.class.getResourceAsStream("/corpus/" + name)) {
            return in.readAllBytes();
        }
    }

    static List<String[]> expected() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(corpus("expected.tsv"), StandardCharsets.UTF_8).lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    static Map<String, Object> sesEvent(String messageId, Map<String, String> verdicts) {
        Map<String, Object> receipt = new java.util.LinkedHashMap<>();
        verdicts.forEach((k, v) -> receipt.put(k, Map.of("status", v)));
        receipt.put("action", Map.of("type", "Lambda", "invocationType", "Event"));
        return Map.of("Records", List.of(Map.of("eventSource", "aws:ses", "eventVersion", "1.0",
                "ses", Map.of("mail", Map.of("messageId", messageId, "source", "sender@example.com",
                        "destination", List.of("tietosuoja@dentalsystems.fi")), "receipt", receipt))));
    }

    static final Map<String, String> PASS = Map.of("spamVerdict", "PASS", "virusVerdict", "PASS", "spfVerdict", "PASS",
            "dkimVerdict", "PASS", "dmarcVerdict", "PASS");

    @SuppressWarnings("unchecked")
    static String deliver(String key, byte[] raw, Map<String, String> verdicts) {
        store.write("inbound", key, raw);
        Map<String, Object> answer = handler.handleRequest(sesEvent(key, verdicts), null);
        return ((List<String>) answer.get("outcomes")).get(0);
    }

    static String sender(byte[] raw) {
        Matcher m = Pattern.compile("(?m)^From: .*<([^>]+)>").matcher(new String(raw, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "";
    }

    @Test
    void everyCorpusMessageHasItsExpectedOutcome() throws IOException {
        List<String[]> rows = expected();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(25);
        for (String[] row : rows) {
            String name = row[0];
            byte[] raw = corpus(name);
            int mailsBefore = SENT.size();
            String outcome = deliver("ses-" + name, raw, PASS);
            assertThat(outcome).as(name).isEqualTo(row[1]);
            switch (row[1]) {
                case "CREATED" -> {
                    String from = sender(raw);
                    List<DataSubjectRequest> found = requests.withEmail(ContactRepository.emailKey(from));
                    assertThat(found).as(name).hasSize(1);
                    DataSubjectRequest r = found.get(0);
                    assertThat(r.type().name()).as(name + " type").isEqualTo(row[2]);
                    assertThat(r.language().name()).as(name + " language").isEqualTo(row[3]);
                    assertThat(r.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
                    assertThat(r.intake()).containsEntry("spfVerdict", "PASS").containsKey("rawMail");
                    assertThat(SENT.size()).as(name + " gets one verification mail").isEqualTo(mailsBefore + 1);
                    assertThat(SENT.get(SENT.size() - 1).to()).isEqualTo(r.email());
                    assertThat(r.details().orElse("")).doesNotContain("%PDF").doesNotContain("131052-308T")
                            .doesNotContain("4111 1111");
                }
                case "PARKED" -> assertThat(SENT.size()).as(name + " no mail").isEqualTo(mailsBefore);
                default -> assertThat(SENT.size()).as(name + " no mail, no loop").isEqualTo(mailsBefore);
            }
        }
        List<DataSubjectRequest> parked = requests.withEmail(EmailIntake.NO_SENDER);
        assertThat(parked).isNotEmpty().allSatisfy(p -> {
            assertThat(p.intake()).containsKeys("parked", "rawMail");
            assertThat(p.status()).isEqualTo(RequestStatus.RECEIVED);
        });
    }

    @Test
    void aRedeliveredMessageNeverMakesASecondRequest() throws Exception {
        byte[] raw = corpus("04-en-access-base64.eml");
        String first = deliver("dup-a", new String(raw, StandardCharsets.ISO_8859_1).replace("<m04@", "<dup04@")
                .getBytes(StandardCharsets.ISO_8859_1), PASS);
        int mails = SENT.size();
        String again = deliver("dup-b", new String(raw, StandardCharsets.ISO_8859_1).replace("<m04@", "<dup04@")
                .getBytes(StandardCharsets.ISO_8859_1), PASS);
        assertThat(first).isEqualTo("CREATED");
        assertThat(again).isEqualTo("DUPLICATE");
        assertThat(SENT).hasSize(mails);

        // the same object delivered twice at once: exactly one request
        byte[] noId = corpus("23-no-message-id.eml");
        store.write("inbound", "race", new String(noId, StandardCharsets.ISO_8859_1).replace("nomid@", "race@")
                .getBytes(StandardCharsets.ISO_8859_1));
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<String>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                @SuppressWarnings("unchecked")
                List<String> out = (List<String>) handler.handleRequest(sesEvent("race", PASS), null).get("outcomes");
                return out.get(0);
            }));
        }
        // exactly one request; the second may find it stored but not yet finished and send a fresh link (only the
        // newest verifies): a link may come twice, never not at all (decision 0010)
        assertThat(racers.stream().map(CompletableFuture::join).toList()).contains("CREATED")
                .allMatch(o -> o.equals("CREATED") || o.equals("DUPLICATE"));
        assertThat(requests.withEmail("race@example.fi")).hasSize(1);
    }

    @Test
    void failedVerdictsNeverAutoVerifyAndVirusesAreParked() throws IOException {
        byte[] raw = corpus("05-en-rectification.eml");
        int mails = SENT.size();
        String spoofed = deliver("spf-fail", new String(raw, StandardCharsets.UTF_8).replace("mary@", "spoofed@")
                .replace("<m05@", "<spf05@").getBytes(StandardCharsets.UTF_8), Map.of("spfVerdict", "FAIL",
                "dkimVerdict", "FAIL", "dmarcVerdict", "FAIL", "spamVerdict", "PASS", "virusVerdict", "PASS"));
        assertThat(spoofed).isEqualTo("CREATED");
        DataSubjectRequest r = requests.withEmail("spoofed@example.com").get(0);
        assertThat(r.status()).as("staff look first").isEqualTo(RequestStatus.RECEIVED);
        assertThat(r.intake()).containsEntry("dmarcVerdict", "FAIL");
        assertThat(SENT).as("no link mailed to a possibly forged sender").hasSize(mails);

        String virus = deliver("virus", new String(raw, StandardCharsets.UTF_8).replace("<m05@", "<virus05@")
                .getBytes(StandardCharsets.UTF_8), Map.of("virusVerdict", "FAIL"));
        assertThat(virus).isEqualTo("PARKED");
    }

    @Test
    void oversizedMailIsParked() {
        byte[] huge = ("From: Big <big@example.fi>\r\nSubject: x\r\nMessage-ID: <huge@x>\r\n\r\n"
                + "z".repeat(EmailIntake.MAX_RAW_BYTES + 1)).getBytes(StandardCharsets.US_ASCII);
        assertThat(deliver("huge", huge, PASS)).isEqualTo("PARKED");
        assertThat(requests.withEmail("big@example.fi")).isEmpty();
    }
}
