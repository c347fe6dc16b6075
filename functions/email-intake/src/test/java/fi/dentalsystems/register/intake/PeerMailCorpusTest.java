package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-world corpus in ../shared/peer-mail/ (73 messages from the test suites of seven mail
 * parsers and bounce classifiers; read in place, never copied here) through the intake as the bucket
 * notification delivers it. Every message is accounted for — a request, a deliberately ignored
 * automatic mail or bounce, a duplicate of one before it, or parked for staff — as
 * {@code peer-mail/expected.tsv} says, file by file; none is lost, and no automatic sender gets mail.
 */
class PeerMailCorpusTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final DynamoDbPermissions PERMISSIONS = DynamoDbPermissions.checkedAfterAll("EmailIntakeFunction");

    static Path corpus() {
        return RepositoryRoot.find().toAbsolutePath().getParent().resolve("shared/peer-mail");
    }

    static Map<String, String[]> expected() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (InputStream in = PeerMailCorpusTest.class.getResourceAsStream("/peer-mail/expected.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] cols = line.split("\t");
                    rows.put(cols[0], cols);
                }
            }
        }
        return rows;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPeerMessageIsARequestAnIgnoredAutomaticMailOrParkedAndNoneIsLost(@TempDir Path inbound) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(corpus())) {
            files = all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("SOURCES.md"))
                    .sorted().toList();
        }
        assertThat(files).as("the corpus beside the project (SOURCES.md: 73 messages)").hasSize(73);
        Map<String, String[]> expected = expected();
        assertThat(expected.keySet()).as("an expected outcome for every file, and no more")
                .containsExactlyInAnyOrderElementsOf(files.stream().map(f -> corpus().relativize(f).toString()).toList());

        List<Mail> sent = Collections.synchronizedList(new ArrayList<>());
        FolderRawMailStore store = new FolderRawMailStore(inbound);
        EmailIntakeHandler handler = new EmailIntakeHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()),
                ENGINE.tables(), Clock.systemUTC(), mail -> {
                    sent.add(mail);
                    return "m" + sent.size();
                }, RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000"))), store);
        RequestRepository requests = new RequestRepository(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(ENGINE.client()).build(), ENGINE.tableNamesByLogicalId().get("RequestsTable"));

        List<String> actual = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        int created = 0;
        int parked = 0;
        for (Path file : files) {
            String name = corpus().relativize(file).toString();
            String key = "inbound/" + name.replace('/', '_');
            store.write("peer", key, Files.readAllBytes(file));
            int mailsBefore = sent.size();
            Map<String, Object> answer = handler.handleRequest(S3Events.created("peer", key), null);
            String outcome = ((List<String>) answer.get("outcomes")).get(0);
            String[] row = expected.get(name);
            actual.add(name + " " + outcome);
            wanted.add(name + " " + row[1]);
            if (outcome.equals("CREATED")) {
                created++;
                assertThat(sent).as(name + ": one verification mail").hasSize(mailsBefore + 1);
            } else {
                assertThat(sent).as(name + ": no mail to an automatic sender or a parked message").hasSize(mailsBefore);
            }
            if (outcome.equals("PARKED")) {
                parked++;
            }
            assertThat(store.processed("peer", key)).as(name + " is finished with").isTrue();
        }
        assertThat(actual).containsExactlyElementsOf(wanted);

        // what was kept: one request per CREATED row with its type and language (two mails sharing a Message-ID are
        // two, the same mail again is none more), one parked request per PARKED row
        Map<String, Long> perSender = new LinkedHashMap<>();
        expected.values().stream().filter(row -> row[1].equals("CREATED"))
                .forEach(row -> perSender.merge(row[4], 1L, Long::sum));
        perSender.forEach((sender, count) -> assertThat(requests.withEmail(ContactRepository.emailKey(sender)))
                .as("requests of " + sender).hasSize(count.intValue()));
        for (String[] row : expected.values()) {
            if (row[1].equals("CREATED")) {
                List<DataSubjectRequest> found = requests.withEmail(ContactRepository.emailKey(row[4]));
                assertThat(found).as(row[0]).anySatisfy(r -> {
                    assertThat(r.type().name()).isEqualTo(row[2]);
                    assertThat(r.language().name()).isEqualTo(row[3]);
                    assertThat(r.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
                });
            }
        }
        List<DataSubjectRequest> parkedRequests = requests.withEmail(EmailIntake.NO_SENDER);
        assertThat(parkedRequests).as("every parked message is a request staff see").hasSize(parked)
                .allSatisfy(p -> assertThat(p.intake()).containsKeys("parked", "rawMail"));
        assertThat(sent).hasSize(created);
    }
}
