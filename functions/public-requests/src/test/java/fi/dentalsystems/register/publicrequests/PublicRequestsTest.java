package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.ApiClient.Answer;
import fi.dentalsystems.register.local.support.MovableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PublicRequestsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** dynalite checks no IAM: after the class, every call made through it must be one PublicRequestsFunction's policy allows. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("PublicRequestsFunction");
    @TempDir
    static Path outbox;
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-01-31T10:00:00Z"));
    static ApiClient api;
    static RequestRepository requests;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(new PublicRequestsHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()),
                ENGINE.tables(), CLOCK, new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", CLOCK),
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000")))));
        requests = ENGINE.register().requests();
    }

    @BeforeEach
    void emptyOutbox() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private static Answer call(String method, String path, UnaryOperator<HttpApiEvents.Builder> request) {
        return api.call(method, path, request);
    }

    private static String uniqueEmail() {
        return "subject-" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
    }

    private static Answer submitJson(String json) {
        return call("POST", "/public/requests", b -> b.json(json));
    }

    private static Answer submitForm(String form) {
        return call("POST", "/public/requests", b -> b.rawBody(form, false)
                .header("content-type", "application/x-www-form-urlencoded"));
    }

    private static List<String> outboxMails() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /** The decoded text body of an outbox mail. */
    private static String text(String eml) {
        String body = eml.substring(eml.indexOf("\r\n\r\n") + 4).replaceAll("\\s", "");
        return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }

    private static String tokenIn(String mailText) {
        Matcher m = Pattern.compile("/public/verify\\?token=(\\S+)").matcher(mailText);
        assertThat(m.find()).as("a verification link in the mail").isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void theFormIsServedInEachLanguage() {
        for (String lang : List.of("fi", "sv", "en")) {
            Answer page = call("GET", "/form", b -> b.query("lang", lang));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers().get("content-type")).startsWith("text/html");
            assertThat(page.body()).contains("<html lang=\"" + lang + "\"").contains("<label for=\"email\">")
                    .contains("name=\"type\"").contains("action=\"/public/requests\"");
        }
        assertThat(call("GET", "/form", b -> b.header("accept-language", "sv-FI,sv;q=0.9,en;q=0.5")).body())
                .contains("<html lang=\"sv\"");
        assertThat(call("GET", "/form", b -> b.header("accept-language", "de-DE")).body()).contains("<html lang=\"fi\"");
    }

    @Test
    void aSubmissionMailsASingleUseLinkThatVerifiesTheRequest() throws IOException {
        String email = uniqueEmail();
        Answer answer = submitJson("{\"type\": \"ACCESS\", \"email\": \"" + email + "\", \"lang\": \"en\"}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).doesNotContain(email).doesNotContain("req_");

        List<String> mails = outboxMails();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("To: " + email).contains("Auto-Submitted: auto-generated");
        String token = tokenIn(text(mails.get(0)));
        String requestId = token.substring(0, token.indexOf('.'));

        DataSubjectRequest stored = requests.find(requestId).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(stored.tokenHash()).isPresent();
        assertThat(stored.tokenHash().get()).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertThat(stored.dueAt()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));

        Answer verified = call("GET", "/public/verify", b -> b.query("token", token));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("<html lang=\"en\"").contains("confirmed");
        DataSubjectRequest after = requests.find(requestId).orElseThrow();
        assertThat(after.status()).isEqualTo(RequestStatus.VERIFIED);
        assertThat(after.tokenHash()).as("the token is spent").isEmpty();
        assertThat(after.events()).extracting(e -> e.kind()).containsExactly("RECEIVED", "VERIFICATION_SENT", "VERIFIED");

        Answer again = call("GET", "/public/verify", b -> b.query("token", token));
        assertThat(again.status()).isEqualTo(200);
        assertThat(requests.find(requestId).orElseThrow().events()).as("reuse changes nothing").hasSize(3);
    }

    @Test
    void linksExpireAfter72HoursAndForgedOnesAreRefused() throws IOException {
        submitJson("{\"type\": \"OBJECTION\", \"email\": \"" + uniqueEmail() + "\"}");
        String token = tokenIn(text(outboxMails().get(0)));
        String requestId = token.substring(0, token.indexOf('.'));
        String forged = requestId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(call("GET", "/public/verify", b -> b.query("token", forged)).status()).isEqualTo(404);
        assertThat(call("GET", "/public/verify", b -> b.query("token", "nonsense")).status()).isEqualTo(404);
        assertThat(call("GET", "/public/verify", b -> b).status()).isEqualTo(404);

        CLOCK.advance(Duration.ofHours(72).plusMinutes(1));
        try {
            Answer expired = call("GET", "/public/verify", b -> b.query("token", token));
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.body()).contains("<html lang=\"fi\"");
            assertThat(requests.find(requestId).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        } finally {
            CLOCK.advance(Duration.ofHours(-72).minusMinutes(1));
        }
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressIsKnown() {
        String known = "hilkka.salonen@dentalsystems.fi";
        Answer first = submitJson("{\"type\": \"ERASURE\", \"email\": \"" + known + "\", \"lang\": \"fi\"}");
        Answer second = submitJson("{\"type\": \"ERASURE\", \"email\": \"" + uniqueEmail() + "\", \"lang\": \"fi\"}");
        assertThat(first.status()).isEqualTo(second.status()).isEqualTo(202);
        assertThat(first.body()).isEqualTo(second.body());
        assertThat(first.headers()).isEqualTo(second.headers());
        String form = "type=ERASURE&lang=sv&email=";
        Answer third = submitForm(form + URLEncoder.encode(known, StandardCharsets.UTF_8));
        Answer fourth = submitForm(form + URLEncoder.encode(uniqueEmail(), StandardCharsets.UTF_8));
        assertThat(third.body()).isEqualTo(fourth.body()).contains("<html lang=\"sv\"");
    }

    @Test
    void formErrorsAreShownNextToTheirFieldsWithoutLosingInput() throws IOException {
        Answer answer = submitForm("type=RECTIFICATION&lang=en&email=not-an-address&name=Aino+Testi");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().get("content-type")).startsWith("text/html");
        assertThat(answer.body()).contains("id=\"error-summary\"").contains("href=\"#email\"")
                .contains("id=\"email-error\"").contains("Enter a working email address")
                .contains("value=\"Aino Testi\"").contains("value=\"RECTIFICATION\" checked");
        Answer noType = submitForm("lang=en&email=" + URLEncoder.encode(uniqueEmail(), StandardCharsets.UTF_8));
        assertThat(noType.body()).contains("id=\"type-error\"");
        assertThat(outboxMails()).isEmpty();
    }

    @Test
    void detailsRefuseIdentityCodesAndCardNumbers() throws IOException {
        Answer json = submitJson("{\"type\": \"ACCESS\", \"email\": \"" + uniqueEmail()
                + "\", \"details\": \"my id is 131052-308T\"}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("\"field\":\"details\"").doesNotContain("131052-308T");
        Answer form = submitForm("type=ACCESS&lang=fi&email=" + URLEncoder.encode(uniqueEmail(), StandardCharsets.UTF_8)
                + "&details=" + URLEncoder.encode("kortti 4111 1111 1111 1111", StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.body()).contains("id=\"details-error\"");
        assertThat(outboxMails()).isEmpty();
    }

    @Test
    void badInputIsAClientErrorAndNothingIsStored() throws IOException {
        assertThat(submitJson("{\"type\": \"ACCESS\", \"email\": \"" + uniqueEmail() + "\", \"ssn\": \"x\"}").status())
                .isEqualTo(400);
        assertThat(submitJson("{\"type\": \"UNCLASSIFIED\", \"email\": \"" + uniqueEmail() + "\"}").status())
                .isEqualTo(400);
        assertThat(submitJson("{").status()).isEqualTo(400);
        assertThat(submitJson("{\"type\": \"ACCESS\", \"email\": \"" + uniqueEmail() + "\", \"details\": \""
                + "x".repeat(17 * 1024) + "\"}").status()).isEqualTo(413);
        assertThat(call("POST", "/public/requests", b -> b.rawBody("<xml/>", false)
                .header("content-type", "application/xml")).status()).isEqualTo(415);
        assertThat(outboxMails()).isEmpty();
    }
}
