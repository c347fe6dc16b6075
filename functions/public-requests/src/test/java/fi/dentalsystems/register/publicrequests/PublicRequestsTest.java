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

        Answer page = call("GET", "/public/verify", b -> b.query("token", token));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\"").contains("access").contains("31 January 2026")
                .contains("<form method=\"post\" action=\"/public/verify\">").doesNotContain(email);
        assertThat(page.headers()).containsEntry("cache-control", "no-store").containsEntry("referrer-policy", "no-referrer");
        assertThat(requests.find(requestId).orElseThrow().status()).as("a GET verifies nothing")
                .isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        Answer verified = press(token);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("<html lang=\"en\"").contains("confirmed");
        DataSubjectRequest after = requests.find(requestId).orElseThrow();
        assertThat(after.status()).isEqualTo(RequestStatus.VERIFIED);
        assertThat(after.tokenHash()).as("the token is spent").isEmpty();
        assertThat(after.events()).extracting(e -> e.kind()).containsExactly("RECEIVED", "VERIFICATION_SENT", "VERIFIED");

        Answer again = press(token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("already confirmed");
        assertThat(call("GET", "/public/verify", b -> b.query("token", token)).status())
                .as("re-opening a used link shows the one refusal; only its POST says it was confirmed").isEqualTo(410);
        assertThat(requests.find(requestId).orElseThrow().events()).as("reuse changes nothing").hasSize(3);
    }

    /** The page's button: the token as a form field, posted to /public/verify. */
    private static Answer press(String token) {
        return call("POST", "/public/verify", b -> b.rawBody("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                false).header("content-type", "application/x-www-form-urlencoded"));
    }

    @Test
    void aMailScannerOpeningTheLinkAnyNumberOfTimesConfirmsNothingOnlyTheButtonDoes() throws IOException {
        String email = uniqueEmail();
        submitJson("{\"type\": \"OBJECTION\", \"email\": \"" + email + "\", \"lang\": \"fi\"}");
        String token = tokenIn(text(outboxMails().get(0)));
        String requestId = token.substring(0, token.indexOf('.'));
        for (int i = 0; i < 5; i++) {
            // Safe Links, Mimecast, Proofpoint and link previews open it again and again (HEAD is no route:
            // the local runtime's test, ObjectionEndToEndTest, sends it over HTTP)
            assertThat(call("GET", "/public/verify", b -> b.query("token", token)).status()).isEqualTo(200);
        }
        DataSubjectRequest untouched = requests.find(requestId).orElseThrow();
        assertThat(untouched.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(untouched.verifiedAt()).isEmpty();
        assertThat(untouched.events()).extracting(e -> e.kind()).containsExactly("RECEIVED", "VERIFICATION_SENT");
        assertThat(outboxMails()).as("nothing but the verification mail").hasSize(1);

        assertThat(press(token).status()).isEqualTo(200);
        assertThat(requests.find(requestId).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED);
    }

    @Test
    void wrongUsedExpiredAndUnknownLinksGetByteIdenticalAnswers() throws IOException {
        submitJson("{\"type\": \"ERASURE\", \"email\": \"" + uniqueEmail() + "\", \"lang\": \"en\"}");
        String used = tokenIn(text(outboxMails().get(0)));
        assertThat(press(used).status()).isEqualTo(200);
        emptyOutbox();
        submitJson("{\"type\": \"ACCESS\", \"email\": \"" + uniqueEmail() + "\", \"lang\": \"sv\"}");
        String expiring = tokenIn(text(outboxMails().get(0)));
        String verifiedId = used.substring(0, used.indexOf('.'));
        // the oracle of issue 11: a verified request's id with any secret used to answer "confirmed"
        String wrong = verifiedId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String unknown = "req_01KAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        CLOCK.advance(Duration.ofHours(72).plusMinutes(1));
        try {
            List<Answer> answers = new java.util.ArrayList<>();
            for (String token : List.of(wrong, used, expiring, unknown, "nonsense")) {
                answers.add(call("GET", "/public/verify", b -> b.query("token", token)));
            }
            for (String token : List.of(wrong, expiring, unknown, "nonsense")) {
                answers.add(press(token));
            }
            answers.add(call("GET", "/public/verify", b -> b));
            Answer first = answers.get(0);
            assertThat(first.status()).isEqualTo(410);
            assertThat(first.body()).contains("<html lang=\"fi\"").doesNotContain("req_");
            for (Answer a : answers) {
                assertThat(a.status()).isEqualTo(first.status());
                assertThat(a.body()).isEqualTo(first.body());
                assertThat(a.headers()).isEqualTo(first.headers());
            }
        } finally {
            CLOCK.advance(Duration.ofHours(-72).minusMinutes(1));
        }
    }

    @Test
    void linksExpireAfter72HoursAndForgedOnesAreRefused() throws IOException {
        submitJson("{\"type\": \"OBJECTION\", \"email\": \"" + uniqueEmail() + "\"}");
        String token = tokenIn(text(outboxMails().get(0)));
        String requestId = token.substring(0, token.indexOf('.'));
        String forged = requestId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(call("GET", "/public/verify", b -> b.query("token", forged)).status()).isEqualTo(410);
        assertThat(press(forged).status()).isEqualTo(410);
        assertThat(requests.find(requestId).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        CLOCK.advance(Duration.ofHours(72).plusMinutes(1));
        try {
            Answer expired = press(token);
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.body()).contains("<html lang=\"fi\"");
            assertThat(requests.find(requestId).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        } finally {
            CLOCK.advance(Duration.ofHours(-72).minusMinutes(1));
        }
    }

    @Test
    void theSameRequestTwiceIsLinkedToTheFirstAndBothCanBeVerified() throws IOException {
        String email = uniqueEmail();
        submitForm("type=ERASURE&lang=fi&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        CLOCK.advance(Duration.ofSeconds(1));
        submitForm("type=ERASURE&lang=fi&email=" + URLEncoder.encode(email.toUpperCase(java.util.Locale.ROOT),
                StandardCharsets.UTF_8));
        CLOCK.advance(Duration.ofSeconds(1));
        submitForm("type=ACCESS&lang=fi&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        CLOCK.advance(Duration.ofSeconds(-2));
        List<String> mails = outboxMails();
        assertThat(mails).as("every request is verified like any other").hasSize(3);
        String first = tokenIn(text(mails.get(0)));
        String second = tokenIn(text(mails.get(1)));
        String other = tokenIn(text(mails.get(2)));
        String firstId = first.substring(0, first.indexOf('.'));
        assertThat(requests.find(firstId).orElseThrow().duplicateOf()).isEmpty();
        assertThat(requests.find(second.substring(0, second.indexOf('.'))).orElseThrow().duplicateOf())
                .as("the address is compared normalised").contains(firstId);
        assertThat(requests.find(other.substring(0, other.indexOf('.'))).orElseThrow().duplicateOf())
                .as("another type is never a duplicate").isEmpty();
        // GHSA-qx5f-ghc2-7g5c: a request marked duplicate must still be verifiable
        assertThat(press(second).status()).isEqualTo(200);
        assertThat(requests.find(second.substring(0, second.indexOf('.'))).orElseThrow().status())
                .isEqualTo(RequestStatus.VERIFIED);
        assertThat(press(first).status()).as("the first is not blocked").isEqualTo(200);
    }

    @Test
    void twoSubmissionsAtOnceMakeExactlyOneOriginal() throws Exception {
        for (int round = 0; round < 5; round++) {
            String email = uniqueEmail();
            int n = 4;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Answer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return submitJson("{\"type\": \"OBJECTION\", \"email\": \"" + email + "\"}");
                }));
            }
            start.countDown();
            for (var f : sent) {
                assertThat(f.get().status()).isEqualTo(202);
            }
            pool.shutdown();
            List<DataSubjectRequest> group = requests.withEmail(email);
            assertThat(group).hasSize(n);
            List<DataSubjectRequest> originals = group.stream().filter(r -> r.duplicateOf().isEmpty()).toList();
            assertThat(originals).as("exactly one original").hasSize(1);
            String original = originals.get(0).requestId();
            assertThat(group).filteredOn(r -> r.duplicateOf().isPresent())
                    .allSatisfy(r -> assertThat(r.duplicateOf()).contains(original));
            assertThat(original).as("the earliest (all received in the same instant: the first id)")
                    .isEqualTo(group.stream().map(DataSubjectRequest::requestId).sorted().findFirst().orElseThrow());
        }
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressIsKnown() {
        // the known address really is in the register (a contact person), the other in no table
        String known = "hilkka.salonen@dentalsystems.fi";
        var register = ENGINE.register();
        var customer = register.customers().create(fi.dentalsystems.register.local.support.Customers.aCustomer());
        register.contacts().create(fi.dentalsystems.register.local.support.Customers.aContact(customer, known));
        assertThat(register.contacts().withEmail(known)).as("precondition: the address is known").hasSize(1);
        Answer first = submitJson("{\"type\": \"ERASURE\", \"email\": \"" + known + "\", \"lang\": \"fi\"}");
        String unknown = uniqueEmail();
        assertThat(register.contacts().withEmail(unknown)).as("precondition: the address is unknown").isEmpty();
        assertThat(register.customers().withEmail(unknown)).isEmpty();
        Answer second = submitJson("{\"type\": \"ERASURE\", \"email\": \"" + unknown + "\", \"lang\": \"fi\"}");
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
