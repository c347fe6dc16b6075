package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import com.fasterxml.jackson.databind.JsonNode;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.ApiClient.Answer;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RequestsApiTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @TempDir
    static Path outbox;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    static ApiClient api;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(new RequestsApiHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(), CLOCK,
                new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", CLOCK),
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000")))));
    }

    private static Answer call(String method, String path, UnaryOperator<HttpApiEvents.Builder> request) {
        return api.call(method, path, b -> request.apply(b.caller("staff-7", ApiClient.STAFF)));
    }

    private static String letter(String type) {
        return call("POST", "/requests", b -> b.json("{\"type\": \"" + type + "\", \"channel\": \"LETTER\", \"email\": \"letter-"
                + UUID.randomUUID().toString().substring(0, 6) + "@example.fi\", \"language\": \"sv\", "
                + "\"receivedAt\": \"2026-11-20T09:00:00Z\"}")).json().path("requestId").asText();
    }

    private static long mails() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void aLetterIsEnteredVerifiedByHandAndItsDeadlineCountsFromReceipt() throws IOException {
        long before = mails();
        String id = letter("RECTIFICATION");
        Answer read = call("GET", "/requests/{requestId}", b -> b.path("requestId", id));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(read.json().path("channel").asText()).isEqualTo("LETTER");
        assertThat(read.json().path("dueAt").asText()).isEqualTo("2026-12-20T09:00:00Z");
        assertThat(mails()).as("a letter gets no verification mail").isEqualTo(before);

        Answer verified = call("POST", "/requests/{requestId}/verify", b -> b.path("requestId", id)
                .json("{\"note\": \"Signed letter, address matches\"}"));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("status").asText()).isEqualTo("VERIFIED");
        JsonNode last = verified.json().path("events").get(1);
        assertThat(last.path("kind").asText()).isEqualTo("VERIFIED");
        assertThat(last.path("actor").asText()).isEqualTo("staff-7");
        assertThat(last.path("note").asText()).isEqualTo("Signed letter, address matches");

        assertThat(call("POST", "/requests/{requestId}/verify", b -> b.path("requestId", id)
                .json("{\"note\": \"again\"}")).status()).as("an illegal move is a conflict").isEqualTo(409);
    }

    @Test
    void anExtensionIsGrantedOnceAndMailedToTheRequester() throws IOException {
        String id = letter("ACCESS");
        long before = mails();
        Answer extended = call("POST", "/requests/{requestId}/extend", b -> b.path("requestId", id)
                .json("{\"months\": 2, \"reason\": \"Ten years of history to collect\"}"));
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.json().path("dueAt").asText()).isEqualTo("2027-02-20T09:00:00Z");
        assertThat(extended.json().path("originalDueAt").asText()).isEqualTo("2026-12-20T09:00:00Z");
        assertThat(mails()).isEqualTo(before + 1);
        assertThat(call("POST", "/requests/{requestId}/extend", b -> b.path("requestId", id)
                .json("{\"months\": 1, \"reason\": \"more\"}")).status()).isEqualTo(409);
        assertThat(call("POST", "/requests/{requestId}/extend", b -> b.path("requestId", letter("ACCESS"))
                .json("{\"months\": 3, \"reason\": \"too long\"}")).status()).isEqualTo(400);
    }

    @Test
    void rejectionNeedsAReasonAndClosesTheRequest() throws IOException {
        String id = letter("ERASURE");
        assertThat(call("POST", "/requests/{requestId}/reject", b -> b.path("requestId", id).json("{}")).status())
                .isEqualTo(400);
        long before = mails();
        Answer rejected = call("POST", "/requests/{requestId}/reject", b -> b.path("requestId", id)
                .json("{\"reason\": \"Not identified\"}"));
        assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
        var stored = ENGINE.client().getItem(r -> r.tableName(ENGINE.tableNamesByLogicalId().get("RequestsTable"))
                .key(Map.of("requestId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id)))).item();
        // two clocks (decision 0009): its content goes 30 days after it closed, the evidence after 36 months
        assertThat(stored.get("purgeBucket").s()).as("a closed request is minimised 30 days on").isEqualTo("2026-12-24");
        assertThat(mails()).isEqualTo(before + 1);
        assertThat(call("POST", "/requests/{requestId}/verify", b -> b.path("requestId", id)
                .json("{\"note\": \"late\"}")).status()).isEqualTo(409);
        assertThat(call("POST", "/requests/{requestId}/reject", b -> b.path("requestId", id)
                .header("if-match", "\"1\"").json("{\"reason\": \"x\"}")).status()).isEqualTo(412);
    }

    @Test
    void anEmailForwardedByHandGetsAVerificationMail() throws IOException {
        long before = mails();
        Answer created = call("POST", "/requests", b -> b.json("{\"type\": \"OBJECTION\", \"channel\": \"EMAIL\", "
                + "\"email\": \"forwarded@example.fi\"}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("AWAITING_VERIFICATION");
        assertThat(mails()).isEqualTo(before + 1);
        assertThat(call("POST", "/requests", b -> b.json("{\"type\": \"ACCESS\", \"channel\": \"WEB_FORM\", "
                + "\"email\": \"x@example.fi\"}")).status()).isEqualTo(400);
    }

    @Test
    void staffClassifyUnclassifiedMailOnce() {
        String id = letter("UNCLASSIFIED");
        assertThat(call("POST", "/requests/{requestId}/classify", b -> b.path("requestId", id)
                .json("{\"type\": \"UNCLASSIFIED\"}")).status()).isEqualTo(400);
        Answer classified = call("POST", "/requests/{requestId}/classify", b -> b.path("requestId", id)
                .json("{\"type\": \"ERASURE\"}"));
        assertThat(classified.status()).isEqualTo(200);
        assertThat(classified.json().path("type").asText()).isEqualTo("ERASURE");
        assertThat(classified.json().path("events").get(1).path("kind").asText()).isEqualTo("CLASSIFIED");
        assertThat(call("POST", "/requests/{requestId}/classify", b -> b.path("requestId", id)
                .json("{\"type\": \"ACCESS\"}")).status()).as("only UNCLASSIFIED can be classified").isEqualTo(409);
    }

    @Test
    void listsFindOpenAndOverdueRequestsThroughTheIndex() {
        String open = letter("ACCESS");
        Answer all = call("GET", "/requests", b -> b);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("items").findValuesAsText("requestId")).contains(open);
        Answer received = call("GET", "/requests", b -> b.query("status", "RECEIVED").query("limit", "100"));
        assertThat(received.json().path("items").findValuesAsText("status")).containsOnly("RECEIVED");
        // a letter received on 1 October was due on 1 November: overdue on 24 November, and listed as such
        String late = call("POST", "/requests", b -> b.json("{\"type\": \"ACCESS\", \"channel\": \"LETTER\", "
                + "\"email\": \"late-" + UUID.randomUUID().toString().substring(0, 6) + "@example.fi\", "
                + "\"receivedAt\": \"2026-10-01T09:00:00Z\"}")).json().path("requestId").asText();
        Answer overdue = call("GET", "/requests", b -> b.query("overdue", "true").query("limit", "100"));
        assertThat(overdue.status()).isEqualTo(200);
        assertThat(overdue.json().path("items").findValuesAsText("requestId")).contains(late).doesNotContain(open);
        assertThat(overdue.json().path("items").findValuesAsText("dueAt"))
                .allSatisfy(due -> assertThat(Instant.parse(due)).isBefore(CLOCK.instant()));
        assertThat(call("GET", "/requests", b -> b.query("status", "LOST")).status()).isEqualTo(400);
        assertThat(call("GET", "/requests/{requestId}", b -> b.path("requestId", "req_01JAAAAAAAAAAAAAAAAAAAAAAA"))
                .status()).isEqualTo(404);
        List<String> dues = all.json().path("items").findValuesAsText("dueAt");
        assertThat(dues).isSorted();
    }
}
