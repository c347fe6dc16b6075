package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.intake.FolderRawMailStore;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.MovableClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as `./dev up` runs it, for end-to-end tests: every template route over real
 * HTTP (LocalApi → the handler classes), SMTP intake, the .eml outbox and the exports folder, on
 * the test's engine, with a clock the test can move (the handlers' clock; tokens use real time).
 */
final class LocalRegister implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final DynamoDbEngine engine;
    final Path outbox;
    final Path exports;
    final MovableClock clock = new MovableClock(Instant.now());
    final LocalApi api;
    final LocalSmtpIntake smtp;
    final DevTokens tokens;
    final DevSignIn signIn;
    final LocalDeadLetters deadLetters;
    final LocalFunctions functions;

    LocalRegister(DynamoDbEngine engine, Path dir) throws IOException {
        this(engine, dir, Map.of(), java.util.function.UnaryOperator.identity());
    }

    /** With some of the functions' variables set otherwise than template.yaml sets them (a changed configuration). */
    LocalRegister(DynamoDbEngine engine, Path dir, Map<String, String> variables) throws IOException {
        this(engine, dir, variables, java.util.function.UnaryOperator.identity());
    }

    /**
     * With the functions' DynamoDB client passed through {@code dynamoDb} (a fault-injecting wrapper, say);
     * the HTTP API uses the engine as it is. Asynchronous retries run at once; what fails them all is
     * parked in {@code dir/dlq}.
     */
    LocalRegister(DynamoDbEngine engine, Path dir,
                  java.util.function.UnaryOperator<software.amazon.awssdk.services.dynamodb.DynamoDbClient> dynamoDb)
            throws IOException {
        this(engine, dir, Map.of(), dynamoDb);
    }

    @SuppressWarnings("unchecked")
    LocalRegister(DynamoDbEngine engine, Path dir, Map<String, String> variables,
                  java.util.function.UnaryOperator<software.amazon.awssdk.services.dynamodb.DynamoDbClient> dynamoDb)
            throws IOException {
        this(engine, dir, variables, dynamoDb, java.time.Duration.ofMinutes(60));
    }

    /** With the console's sign-in (the dev issuer) issuing access tokens of {@code consoleTokens}. */
    LocalRegister(DynamoDbEngine engine, Path dir, java.time.Duration consoleTokens) throws IOException {
        this(engine, dir, Map.of(), java.util.function.UnaryOperator.identity(), consoleTokens);
    }

    @SuppressWarnings("unchecked")
    private LocalRegister(DynamoDbEngine engine, Path dir, Map<String, String> variables,
                  java.util.function.UnaryOperator<software.amazon.awssdk.services.dynamodb.DynamoDbClient> dynamoDb,
                  java.time.Duration consoleTokens) throws IOException {
        this.engine = engine;
        this.outbox = dir.resolve("outbox");
        this.exports = dir.resolve("exports");
        Path inbound = dir.resolve("inbound");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        tokens = DevTokens.withKey(key);
        SamTemplate template = SamTemplate.load();
        OutboxMailer mailer = new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", Clock.systemUTC());
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("PUBLIC_BASE_URL", "http://localhost:0",
                "SUPPRESSION_PEPPER", "end-to-end-pepper-of-enough-length", "EXPORT_FOLDER", exports.toString(),
                "INBOUND_FOLDER", inbound.toString(), "INBOUND_BUCKET", LocalSmtpIntake.BUCKET, "INBOUND_PREFIX", ""));
        overrides.putAll(variables);
        signIn = DevSignIn.standard(tokens, template, consoleTokens);
        api = LocalApi.start(0, LocalApi.bind(template, engine.client(), engine.tableNamesByLogicalId(), clock, mailer,
                overrides), tokens, RepositoryRoot.find().resolve("openapi.yaml"), signIn);
        deadLetters = new LocalDeadLetters(dir.resolve("dlq"));
        functions = new LocalFunctions(template, dynamoDb.apply(engine.client()), engine.tableNamesByLogicalId(), clock,
                mailer, overrides);
        smtp = new LocalSmtpIntake(Dynalite.freePort(), new FolderRawMailStore(inbound), functions.intake(),
                new LocalAsyncInvoke.Settings(functions.retries(LocalSmtpIntake.FUNCTION), List.of(), deadLetters));
    }

    @Override
    public void close() {
        smtp.close();
        api.close();
    }

    String base() {
        return "http://127.0.0.1:" + api.port();
    }

    HttpResponse<String> staff(String method, String path, String json, String... headers) {
        return as("staff", method, path, json, headers);
    }

    /** Staff add the end-to-end tests' customer organisation, Klinikka Oy; answers its id. */
    String clinic() {
        return field(staff("POST", "/customers", """
                {"name": "Klinikka Oy", "businessId": "0112038-9", "email": "office@klinikka.example",
                 "phone": "09 1234 5678",
                 "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                """).body(), "customerId");
    }

    /** Staff add a contact person to a customer, as {@code POST /customers/{id}/contacts}; answers its id. */
    String contact(String customerId, String name, String email, String role, String source) {
        return field(staff("POST", "/customers/" + customerId + "/contacts", "{\"name\": \"" + name + "\", \"email\": \""
                + email + "\", \"roles\": [\"" + role + "\"], \"source\": \"" + source + "\"}").body(), "contactId");
    }

    /** A call with a token of the given role (admin, staff, processor:…, service). */
    HttpResponse<String> as(String role, String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + tokens.issue(role, Instant.now()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> submitForm(String form) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/public/requests"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Opens a link from a mail as a browser would: the mail's host is replaced by this server's. */
    HttpResponse<String> open(String link) {
        return send(HttpRequest.newBuilder(URI.create(link.replace("http://localhost:0", base())))
                .header("Accept-Language", "fi-FI,fi;q=0.9").GET().build());
    }

    /** Presses the one button of a link's page: the form posts back to the link's own address. */
    HttpResponse<String> press(String link) {
        return send(HttpRequest.newBuilder(URI.create(link.replace("http://localhost:0", base())))
                .header("Accept-Language", "fi-FI,fi;q=0.9").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
    }

    /** Replays what is parked, as ./dev redrive does (through functions built on the same client). */
    LocalRedrive.Result redrive() {
        return new LocalRedrive(deadLetters, functions.replayers()).run();
    }

    void mailIn(String from, String subject, String body) throws IOException {
        SmtpIntakeCorpusTest.send(smtp.port(), ("From: " + from + "\r\nTo: tietosuoja@dentalsystems.fi\r\nSubject: "
                + subject + "\r\nMessage-ID: <" + System.nanoTime() + "@example.fi>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every mail in the outbox, oldest first, as recipient + decoded text. */
    record OutMail(String to, String subject, String text) {
    }

    List<OutMail> mails() {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    String eml = Files.readString(f);
                    String headers = eml.substring(0, eml.indexOf("\r\n\r\n"));
                    Matcher to = Pattern.compile("(?m)^To: (.*)$").matcher(headers);
                    Matcher subject = Pattern.compile("(?m)^Subject: =\\?UTF-8\\?B\\?(.*)\\?=\\r?$").matcher(headers);
                    to.find();
                    subject.find();
                    return new OutMail(to.group(1).strip(), new String(Base64.getDecoder().decode(subject.group(1)),
                            StandardCharsets.UTF_8), new String(Base64.getDecoder().decode(
                            eml.substring(eml.indexOf("\r\n\r\n") + 4).replaceAll("\\s", "")), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<OutMail> mailsTo(String address) {
        return mails().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** Waits for the n-th mail to an address (SMTP intake runs on its own thread): for the effect, not a time. */
    OutMail awaitMail(String address, int count) throws InterruptedException {
        for (int i = 0; i < 200 && mailsTo(address).size() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(mailsTo(address)).as("mails to the requester").hasSizeGreaterThanOrEqualTo(count);
        return mailsTo(address).get(count - 1);
    }

    static String link(OutMail mail, String path) {
        Matcher m = Pattern.compile("(http://localhost:0" + Pattern.quote(path) + "\\S+)").matcher(mail.text());
        assertThat(m.find()).as("a " + path + " link in the mail").isTrue();
        return m.group(1);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in the answer").isTrue();
        return m.group(1);
    }

    /** Every item of every table, as table name → items (attribute → value as text). */
    Map<String, List<Map<String, String>>> everyTable() {
        Map<String, List<Map<String, String>>> all = new LinkedHashMap<>();
        engine.tableNamesByLogicalId().forEach((logical, table) -> {
            List<Map<String, String>> items = new ArrayList<>();
            for (Map<String, AttributeValue> item : engine.client().scan(r -> r.tableName(table)).items()) {
                Map<String, String> flat = new LinkedHashMap<>();
                item.forEach((k, v) -> flat.put(k, v.toString()));
                items.add(flat);
            }
            all.put(logical, items);
        });
        return all;
    }

    /** Where in the tables a text occurs, as "Table.attribute" entries. */
    List<String> whereIs(String text) {
        List<String> found = new ArrayList<>();
        everyTable().forEach((table, items) -> items.forEach(item -> item.forEach((attribute, value) -> {
            if (value.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT))) {
                found.add(table + "." + attribute);
            }
        })));
        return found;
    }
}
