package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed §12 end to end on the local runtime: a contact exists; the person objects through the
 * public form and opens the mailed link; the objection is applied without a staff step (the
 * Requests stream → fulfilment function); the marketing list drops them, fault notices keep them,
 * a confirmation is mailed.
 */
class ObjectionEndToEndTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** dynalite checks no IAM: after the class, every call made through it must be one RequestFulfilmentFunction's policy allows. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("RequestFulfilmentFunction");
    @TempDir
    static Path outbox;
    static LocalApi api;
    static LocalRequestsStream stream;
    static DevTokens tokens;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PEPPER = "end-to-end-pepper-of-enough-length";

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        tokens = DevTokens.withKey(key);
        SamTemplate template = SamTemplate.load();
        OutboxMailer mailer = new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", Clock.systemUTC());
        Map<String, String> overrides = Map.of("PUBLIC_BASE_URL", "http://localhost", "SUPPRESSION_PEPPER", PEPPER);
        api = LocalApi.start(0, LocalApi.bind(template, ENGINE.client(), ENGINE.tableNamesByLogicalId(),
                Clock.systemUTC(), mailer, overrides), tokens, RepositoryRoot.find().resolve("openapi.yaml"));
        var fulfilment = (RequestHandler<DynamodbEvent, Map<String, Object>>) LocalApi.instantiate(template,
                template.function("RequestFulfilmentFunction").orElseThrow(), PERMISSIONS.recording(ENGINE.client()),
                ENGINE.tableNamesByLogicalId(), Clock.systemUTC(), mailer, overrides);
        stream = new LocalRequestsStream(new RequestRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build(),
                ENGINE.tableNamesByLogicalId().get("RequestsTable")), fulfilment, 10,
                new LocalDeadLetters(outbox.resolve("dlq")));
    }

    @AfterAll
    static void stop() {
        stream.close();
        api.close();
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + tokens.issue("staff", Instant.now()));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json.length() + " chars").isTrue();
        return m.group(1);
    }

    private static List<String> mails() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    String eml = Files.readString(f);
                    return new String(Base64.getDecoder().decode(eml.substring(eml.indexOf("\r\n\r\n") + 4)
                            .replaceAll("\\s", "")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void anObjectionIsAppliedTheMomentItIsVerified() throws Exception {
        String customerId = field(send("POST", "/customers", """
                {"name": "Objection Test Oy", "businessId": "0112038-9", "email": "office@objection.example",
                 "phone": "09 1234 5678",
                 "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                """).body(), "customerId");
        String contactId = field(send("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"Olli Objector\", \"email\": \"olli@objection.example\", \"roles\": [\"TECHNICAL\"], "
                        + "\"source\": \"CUSTOMER\"}").body(), "contactId");
        assertThat(send("GET", "/marketing/recipients", null).body()).contains(contactId);

        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                        + "/public/requests")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("type=OBJECTION&lang=en&email=olli%40objection.example"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).isEqualTo(202);
        Matcher link = Pattern.compile("/public/verify\\?token=(\\S+)").matcher(mails().get(0));
        assertThat(link.find()).isTrue();
        URI verify = URI.create("http://127.0.0.1:" + api.port() + "/public/verify?token=" + link.group(1));
        // a mail scanner (Safe Links, Mimecast, Proofpoint) or a link preview: GET and HEAD, any number of
        // times — the objection is not applied, the request stays unverified (issue 11)
        for (int i = 0; i < 5; i++) {
            assertThat(HTTP.send(HttpRequest.newBuilder(verify).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(verify).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isGreaterThanOrEqualTo(400);
        }
        Thread.sleep(1500); // three of the stream's polls: a verified objection would be applied by now
        assertThat(send("GET", "/contacts/" + contactId, null).body()).doesNotContain("\"objects\":true");
        assertThat(send("GET", "/marketing/recipients", null).body()).contains(contactId);
        String pending = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8).split("\\.")[0];
        assertThat(send("GET", "/requests/" + pending, null).body()).contains("\"status\":\"AWAITING_VERIFICATION\"");
        // the page's button
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/public/verify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + link.group(1))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        // the stream delivers within moments; wait for the effect, not for a time
        String contact = "";
        for (int i = 0; i < 100 && !contact.contains("\"objects\":true"); i++) {
            Thread.sleep(100);
            contact = send("GET", "/contacts/" + contactId, null).body();
        }
        assertThat(contact).contains("\"objects\":true").contains("\"requestId\":\"req_");
        assertThat(send("GET", "/marketing/recipients", null).body()).doesNotContain(contactId);
        assertThat(send("GET", "/notifications/recipients?customerId=" + customerId, null).body()).contains(contactId);

        String requestId = field(contact, "requestId");
        assertThat(send("GET", "/requests/" + requestId, null).body()).contains("\"status\":\"COMPLETED\"");
        List<String> sent = mails();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).contains("objection is recorded").doesNotContain("Objection Test Oy");

        // the same person added again later, e.g. from a public register, stays off the list
        String readded = field(send("POST", "/customers/" + customerId + "/contacts",
                "{\"name\": \"Olli O.\", \"email\": \"OLLI@objection.example\", \"roles\": [\"USER\"], "
                        + "\"source\": \"PUBLIC_REGISTER\"}").body(), "contactId");
        assertThat(send("GET", "/marketing/recipients", null).body()).doesNotContain(readded);
    }
}
