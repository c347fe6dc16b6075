package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.local.LocalApi;
import fi.dentalsystems.register.local.support.Dynalite;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.TableFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * `./dev bench`, warm latency per route (issue 17): in one JVM, after warm-up, every HTTP route's
 * handler time next to the time of its own DynamoDB calls alone. Each handler (built as the local
 * runtime builds it, LocalApi.instantiate) answers the route's sample event from events/, with the
 * ids of records this bench made; its client records the requests it sends (DynamoDbCalls), and
 * the very same requests are then sent through a bare client to a second dynalite holding the
 * same items (every call, setup included, is replayed there, so conditional writes meet the same
 * state): the floor. Medians over the iterations; writes target/bench/warm.json.
 */
public final class WarmRouteBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("(req_[0-9A-Z]{26}\\.[A-Za-z0-9_-]+)");

    // the ids the sample events carry (events/), replaced by the bench's own
    private static final String S_CUSTOMER = "cus_01JD7Q2X8K5M3N4P6R7S8T9V0W";
    private static final String S_CONTACT = "con_01JD7Q3A1B2C3D4E5F6G7H8J9K";
    private static final String S_CREDENTIAL_CONTACT = "cnt_01JD7Q2X8K5M3N4P6R7S8T9V0X"; // the credentials' samples
    private static final String S_REQUEST = "req_01JD7QB2C3D4E5F6G7H8J9K0M1";
    private static final String S_HELD_REQUEST = "req_01JD7Q4M5N6P7Q8R9S0T1V2W3X";
    private static final String S_ANSWERED_REQUEST = "req_01JD7QC3D4E5F6G7H8J9K0M1N2"; // resend's sample
    private static final String S_LETTER_REQUEST = "req_01JD7QD4E5F6G7H8J9K0M1N2P3"; // the letter routes' samples
    private static final String S_REDACTION = "rdn_01JD7QB2C3D4E5F6G7H8J9K0M3";
    private static final String S_PASSAGE = "the maintenence contract"; // the redaction sample's passage
    private static final String ENTRY_PASSAGE = "last week's backup"; // in the history sample's summary
    private static final String S_ENTRY = "his_01JD7Q4B2C3D4E5F6G7H8J9K0M";
    private static final String S_VERIFY_LINK = "req_01JD7Q9Z8Y7X6W5V4T3S2R1Q0P.bm90LWEtcmVhbC10b2tlbi1qdXN0LWEtc2FtcGxl";
    private static final String S_VERIFY_BUTTON = "req_01JD7Q9Z8Y7X6W5V4T3S2R1Q0P.bm90LWEtcmVhbC12ZXJpZmljYXRpb24tbGluay1zYW1wbGU";
    private static final String S_EXPORT = "req_01JD7Q9Z8Y7X6W5V4T3S2R1Q0P.bm90LWEtcmVhbC1leHBvcnQtbGluay1qdXN0LWEtc2FtcGxl";
    private static final String S_BUSINESS_ID = "0112038-9";
    private static final String S_CONTACT_EMAIL = "testi.henkilo@testi.example";
    private static final String S_LETTER_EMAIL = "kirje.lahettaja@testi.example";

    private final DynamoDbCalls recorder;
    private final DynamoDbClient floor;
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers =
            new LinkedHashMap<>();
    private final Map<String, String> functionOf = new HashMap<>();
    private final Map<String, JsonNode> samples;
    private final Map<String, String> lastMailTo = new ConcurrentHashMap<>();
    private int n;

    private WarmRouteBench(DynamoDbCalls recorder, DynamoDbClient handlerClient, DynamoDbClient floor,
                           Map<String, JsonNode> samples) throws IOException {
        this.recorder = recorder;
        this.floor = floor;
        this.samples = samples;
        SamTemplate template = SamTemplate.load();
        Map<String, String> tables = new HashMap<>();
        template.tables().keySet().forEach(id -> tables.put(id, id));
        OutboxMailer outbox = new OutboxMailer(Files.createTempDirectory("bench-outbox"), "local@localhost",
                Clock.systemUTC());
        Mailer mailer = mail -> {
            lastMailTo.put(mail.to(), mail.text());
            return outbox.send(mail);
        };
        Map<String, String> overrides = Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                "SUPPRESSION_PEPPER", "bench-pepper-not-a-secret-value",
                "EXPORT_FOLDER", Files.createTempDirectory("bench-exports").toString(),
                "AUDIT_DIGEST_FOLDER", Files.createTempDirectory("bench-digests").toString());
        for (SamTemplate.Function function : template.functions()) {
            if (function.routes().isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) LocalApi.instantiate(
                    template, function, handlerClient, tables, Clock.systemUTC(), mailer, overrides);
            for (SamTemplate.HttpRoute route : function.routes()) {
                handlers.put(route.routeKey(), handler);
                functionOf.put(route.routeKey(), function.logicalId());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = 10;
        int iterations = 30;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--iterations")) {
                iterations = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup")) {
                warmup = Integer.parseInt(args[++i]);
            }
        }
        try (Dynalite engine = Dynalite.start(Optional.empty());
             Dynalite mirror = Dynalite.start(Optional.empty())) {
            DynamoDbCalls recorder = new DynamoDbCalls();
            DynamoDbClient handlerClient = DynamoDbClient.builder().region(Region.of("eu-west-1"))
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .endpointOverride(URI.create(engine.endpoint()))
                    .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                    .build();
            DynamoDbClient floorClient = DynamoDbConnection.create(Optional.of(mirror.endpoint()), "eu-west-1");
            // the same tables (names = logical ids) in both engines
            TableFactory.createAll(handlerClient, SamTemplate.load(), "");
            TableFactory.createAll(floorClient, SamTemplate.load(), "");
            recorder.drain();
            WarmRouteBench bench = new WarmRouteBench(recorder, handlerClient, floorClient, samples());
            bench.run(warmup, iterations);
        }
    }

    /** One route: what it needs made first (untimed), as replacements of the sample's ids. */
    private record Case(String routeKey, IntFunction<Map<String, String>> setup) {
    }

    record Timing(double handlerMs, double floorMs, int calls, int status) {
    }

    private void run(int warmup, int iterations) throws IOException {
        List<Case> cases = cases();
        System.out.printf(Locale.ROOT, "%nWarm latency per route, dynalite, %d warm-up rounds, %d measured%n", warmup,
                iterations);
        for (int w = 0; w < warmup; w++) {
            for (Case c : cases) {
                measure(c, w);
            }
        }
        Map<String, Object> routes = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%-58s %10s %9s %7s %6s%n", "route", "handlerMs", "floorMs", "ratio", "calls");
        for (Case c : cases) {
            double[] handler = new double[iterations];
            double[] floorMs = new double[iterations];
            int callCount = 0;
            int status = 0;
            for (int i = 0; i < iterations; i++) {
                Timing t = measure(c, warmup + i);
                handler[i] = t.handlerMs();
                floorMs[i] = t.floorMs();
                callCount = Math.max(callCount, t.calls());
                status = t.status();
            }
            double h = median(handler);
            double f = median(floorMs);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("function", functionOf.get(c.routeKey()));
            r.put("handlerMs", round(h));
            r.put("floorMs", round(f));
            r.put("ratio", callCount == 0 ? null : round(h / f));
            r.put("dynamoDbCalls", callCount);
            r.put("status", status);
            if (callCount == 0) {
                r.put("note", "no DynamoDB call: no floor");
            }
            routes.put(c.routeKey(), r);
            System.out.printf(Locale.ROOT, "%-58s %10.2f %9.2f %7s %6d%n", c.routeKey(), h, f,
                    callCount == 0 ? "-" : String.format(Locale.ROOT, "%.2f", h / f), callCount);
        }
        List<String> unmeasured = handlers.keySet().stream().filter(k -> !routes.containsKey(k)).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warmupRounds", warmup);
        result.put("iterations", iterations);
        result.put("target", "ratio <= 1.3 (handler time over the time of the same DynamoDB calls through a bare client)");
        result.put("routes", routes);
        result.put("notMeasured", unmeasured);
        Path out = RepositoryRoot.find().resolve("target/bench/warm.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println("not measured: " + unmeasured);
        System.out.println("written: " + RepositoryRoot.find().relativize(out));
    }

    private Timing measure(Case c, int i) {
        Map<String, String> replacements = c.setup().apply(i);
        APIGatewayV2HTTPEvent event = event(c.routeKey(), replacements);
        mirror();
        var handler = handlers.get(c.routeKey());
        long t0 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long t1 = System.nanoTime();
        List<SdkRequest> made = recorder.drain();
        long t2 = System.nanoTime();
        DynamoDbCalls.replay(floor, made);
        long t3 = System.nanoTime();
        if (response.getStatusCode() >= 400) {
            throw new IllegalStateException(c.routeKey() + " answered " + response.getStatusCode() + ": "
                    + abbreviate(response.getBody()));
        }
        return new Timing((t1 - t0) / 1e6, (t3 - t2) / 1e6, made.size(), response.getStatusCode());
    }

    /** Sends what the handlers' client sent since the last time to the floor's engine, untimed: the mirror stays equal. */
    private void mirror() {
        DynamoDbCalls.replay(floor, recorder.drain());
    }

    /** A setup step: the route's handler answers its sample, with these ids; returns the answer's JSON (or null). */
    private JsonNode call(String routeKey, Map<String, String> replacements) {
        APIGatewayV2HTTPResponse response = handlers.get(routeKey).handleRequest(event(routeKey, replacements), null);
        mirror();
        if (response.getStatusCode() >= 400) {
            throw new IllegalStateException("setup " + routeKey + " answered " + response.getStatusCode() + ": "
                    + abbreviate(response.getBody()));
        }
        try {
            String body = response.getBody();
            return body != null && body.startsWith("{") ? JSON.readTree(body) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> given) {
        Map<String, String> replacements = new HashMap<>(given);
        if (given.containsKey(S_CONTACT)) {
            replacements.put(S_CREDENTIAL_CONTACT, given.get(S_CONTACT));
        }
        JsonNode sample = samples.get(routeKey);
        if (sample == null) {
            throw new IllegalStateException("no sample event in events/ for " + routeKey);
        }
        String[] route = routeKey.split(" ", 2);
        HttpApiEvents.Builder event = HttpApiEvents.request(route[0], route[1]);
        sample.path("pathParameters").fields().forEachRemaining(e -> event.path(e.getKey(), with(e.getValue(), replacements)));
        sample.path("queryStringParameters").fields()
                .forEachRemaining(e -> event.query(e.getKey(), with(e.getValue(), replacements)));
        sample.path("headers").fields().forEachRemaining(e -> event.header(e.getKey(), with(e.getValue(), replacements)));
        Map<String, String> claims = new HashMap<>();
        sample.path("requestContext").path("authorizer").path("jwt").path("claims").fields()
                .forEachRemaining(e -> claims.put(e.getKey(), e.getValue().asText()));
        if (!claims.isEmpty()) {
            event.claims(claims);
        }
        if (sample.hasNonNull("body")) {
            event.rawBody(with(sample.path("body"), replacements), sample.path("isBase64Encoded").asBoolean());
        }
        return event.build();
    }

    private static String with(JsonNode value, Map<String, String> replacements) {
        String text = value.asText();
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
        }
        return text;
    }

    // --- the register the routes act on ---------------------------------------------------------

    private String newCustomer() {
        return call("POST /customers", Map.of(S_BUSINESS_ID, SampleBusinessIds.nth(20_000 + n++)))
                .path("customerId").asText();
    }

    private String newContact(String customerId, String email) {
        return call("POST /customers/{customerId}/contacts", Map.of(S_CUSTOMER, customerId, S_CONTACT_EMAIL, email))
                .path("contactId").asText();
    }

    private String newEntry(String customerId, String contactId) {
        return call("POST /customers/{customerId}/history", Map.of(S_CUSTOMER, customerId, S_CONTACT, contactId))
                .path("entryId").asText();
    }

    private String newLetter(String type, String email) {
        return call("POST /requests", Map.of(S_LETTER_EMAIL, email, "\"type\": \"ACCESS\"", "\"type\": \"" + type + "\""))
                .path("requestId").asText();
    }

    private String verified(String requestId) {
        call("POST /requests/{requestId}/verify", Map.of(S_REQUEST, requestId));
        return requestId;
    }

    /** A person with a history entry and their verified ACCESS request: what an export's redaction needs. */
    private Map<String, String> personWithAnEntry() {
        String email = fresh("rajattu");
        String customer = newCustomer();
        String contact = newContact(customer, email);
        return Map.of("entry", newEntry(customer, contact), "request", verified(newLetter("ACCESS", email)));
    }

    private String fresh(String what) {
        return what + (n++) + "@testi.example";
    }

    /** The single-use link of the last mail to this address (verification or export link). */
    private String linkMailedTo(String email) {
        Matcher m = TOKEN.matcher(lastMailTo.getOrDefault(email, ""));
        if (!m.find()) {
            throw new IllegalStateException("no link mailed to the bench's address");
        }
        return m.group(1);
    }

    private String exportLink() {
        String email = fresh("vienti");
        String request = verified(newLetter("ACCESS", email));
        call("POST /requests/{requestId}/complete", Map.of(S_REQUEST, request));
        return linkMailedTo(email);
    }

    private String publicRequestLink() {
        String email = fresh("julkinen");
        call("POST /public/requests", Map.of(S_CONTACT_EMAIL, email));
        return linkMailedTo(email);
    }

    private List<Case> cases() {
        String customer = newCustomer();
        String many = newCustomer(); // where contacts are added, so that the read routes' answers stay the same size
        String contact = newContact(customer, S_CONTACT_EMAIL);
        String writer = newContact(customer, "historia@testi.example");
        newEntry(customer, contact);
        call("PUT /contacts/{contactId}/credentials/{service}", Map.of(S_CONTACT, contact));
        String request = verified(newLetter("ACCESS", S_LETTER_EMAIL));
        String held = newLetter("ACCESS", fresh("pidetty"));
        call("PUT /requests/{requestId}/hold", Map.of(S_HELD_REQUEST, held));
        call("PUT /customers/{customerId}/hold", Map.of(S_CUSTOMER, customer));
        call("PUT /contacts/{contactId}/hold", Map.of(S_CONTACT, contact));
        String verifyLink = publicRequestLink();
        String exportLink = exportLink();

        List<Case> cases = new ArrayList<>();
        // customers-api
        cases.add(new Case("POST /customers", i -> Map.of(S_BUSINESS_ID, SampleBusinessIds.nth(20_000 + n++))));
        cases.add(new Case("GET /customers", i -> Map.of()));
        cases.add(new Case("GET /customers/{customerId}", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("PATCH /customers/{customerId}", i -> Map.of(S_CUSTOMER, newCustomer())));
        cases.add(new Case("POST /customers/{customerId}/end", i -> Map.of(S_CUSTOMER, newCustomer())));
        cases.add(new Case("POST /customers/{customerId}/contacts",
                i -> Map.of(S_CUSTOMER, many, S_CONTACT_EMAIL, fresh("uusi"))));
        cases.add(new Case("GET /customers/{customerId}/contacts", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("GET /contacts", i -> Map.of()));
        cases.add(new Case("GET /contacts/{contactId}", i -> Map.of(S_CONTACT, contact)));
        cases.add(new Case("PATCH /contacts/{contactId}", i -> Map.of(S_CONTACT, newContact(many, fresh("muutos")))));
        cases.add(new Case("DELETE /contacts/{contactId}", i -> Map.of(S_CONTACT, newContact(many, fresh("poisto")))));
        cases.add(new Case("POST /customers/{customerId}/history", i -> Map.of(S_CUSTOMER, customer, S_CONTACT, writer)));
        cases.add(new Case("GET /customers/{customerId}/history", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("PATCH /customers/{customerId}/history/{entryId}", i -> {
            String email = fresh("oikaisu");
            String about = newContact(many, email);
            String entry = newEntry(many, about);
            String rectification = verified(newLetter("RECTIFICATION", email));
            return Map.of(S_CUSTOMER, many, S_ENTRY, entry, S_REQUEST, rectification);
        }));
        cases.add(new Case("GET /marketing/recipients", i -> Map.of()));
        cases.add(new Case("GET /notifications/recipients", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("GET /audit", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("GET /records-of-processing", i -> Map.of()));
        cases.add(new Case("GET /contacts/{contactId}/credentials", i -> Map.of(S_CONTACT, contact)));
        cases.add(new Case("PUT /contacts/{contactId}/credentials/{service}", i -> Map.of(S_CONTACT, contact)));
        cases.add(new Case("DELETE /contacts/{contactId}/credentials/{service}", i -> {
            call("PUT /contacts/{contactId}/credentials/{service}", Map.of(S_CONTACT, writer));
            return Map.of(S_CONTACT, writer);
        }));
        cases.add(new Case("PUT /customers/{customerId}/hold", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("GET /customers/{customerId}/hold", i -> Map.of(S_CUSTOMER, customer)));
        cases.add(new Case("DELETE /customers/{customerId}/hold", i -> {
            String c = newCustomer();
            call("PUT /customers/{customerId}/hold", Map.of(S_CUSTOMER, c));
            return Map.of(S_CUSTOMER, c);
        }));
        cases.add(new Case("PUT /contacts/{contactId}/hold", i -> Map.of(S_CONTACT, contact)));
        cases.add(new Case("GET /contacts/{contactId}/hold", i -> Map.of(S_CONTACT, contact)));
        cases.add(new Case("DELETE /contacts/{contactId}/hold", i -> {
            String c = newContact(many, fresh("pito"));
            call("PUT /contacts/{contactId}/hold", Map.of(S_CONTACT, c));
            return Map.of(S_CONTACT, c);
        }));
        // requests-api
        cases.add(new Case("POST /requests", i -> Map.of(S_LETTER_EMAIL, fresh("kirje"))));
        cases.add(new Case("GET /requests", i -> Map.of()));
        cases.add(new Case("GET /requests/{requestId}", i -> Map.of(S_REQUEST, request)));
        cases.add(new Case("GET /requests/{requestId}/records", i -> Map.of(S_REQUEST, request)));
        cases.add(new Case("GET /requests/{requestId}/export", i -> Map.of(S_REQUEST, request)));
        cases.add(new Case("POST /requests/{requestId}/verify", i -> Map.of(S_REQUEST, newLetter("ACCESS", fresh("v")))));
        cases.add(new Case("POST /requests/{requestId}/classify",
                i -> Map.of(S_REQUEST, newLetter("UNCLASSIFIED", fresh("luokka")))));
        cases.add(new Case("POST /requests/{requestId}/extend",
                i -> Map.of(S_REQUEST, verified(newLetter("ACCESS", fresh("jatko"))))));
        cases.add(new Case("POST /requests/{requestId}/reject", i -> Map.of(S_REQUEST, newLetter("ACCESS", fresh("hylky")))));
        cases.add(new Case("POST /requests/{requestId}/complete",
                i -> Map.of(S_REQUEST, verified(newLetter("ACCESS", fresh("valmis"))))));
        cases.add(new Case("POST /requests/{requestId}/lift", i -> {
            String email = fresh("rajoitus");
            newContact(many, email);
            String r = verified(newLetter("RESTRICTION", email));
            call("POST /requests/{requestId}/complete", Map.of(S_REQUEST, r));
            return Map.of(S_REQUEST, r);
        }));
        // an export's review (issue 15): a history entry withheld in part, the redaction undone, a fresh link
        cases.add(new Case("POST /requests/{requestId}/export/redactions", i -> {
            Map<String, String> ids = personWithAnEntry();
            return Map.of(S_REQUEST, ids.get("request"), S_ENTRY, ids.get("entry"), S_PASSAGE, ENTRY_PASSAGE);
        }));
        cases.add(new Case("DELETE /requests/{requestId}/export/redactions/{redactionId}", i -> {
            Map<String, String> ids = personWithAnEntry();
            String redaction = call("POST /requests/{requestId}/export/redactions", Map.of(S_REQUEST, ids.get("request"),
                    S_ENTRY, ids.get("entry"), S_PASSAGE, ENTRY_PASSAGE)).path("redactionId").asText();
            return Map.of(S_REQUEST, ids.get("request"), S_REDACTION, redaction);
        }));
        cases.add(new Case("POST /requests/{requestId}/export/resend", i -> {
            String r = verified(newLetter("ACCESS", fresh("uudelleen")));
            call("POST /requests/{requestId}/complete", Map.of(S_REQUEST, r));
            return Map.of(S_ANSWERED_REQUEST, r);
        }));
        // the paper letter's original: where it is kept, and its shredding
        cases.add(new Case("PATCH /requests/{requestId}/letter",
                i -> Map.of(S_LETTER_REQUEST, newLetter("ACCESS", fresh("paikka")))));
        cases.add(new Case("POST /requests/{requestId}/letter/destroyed",
                i -> Map.of(S_LETTER_REQUEST, newLetter("ACCESS", fresh("silppu")))));
        cases.add(new Case("PUT /requests/{requestId}/hold", i -> Map.of(S_HELD_REQUEST, held)));
        cases.add(new Case("GET /requests/{requestId}/hold", i -> Map.of(S_HELD_REQUEST, held)));
        cases.add(new Case("DELETE /requests/{requestId}/hold", i -> {
            String r = newLetter("ACCESS", fresh("vapaa"));
            call("PUT /requests/{requestId}/hold", Map.of(S_HELD_REQUEST, r));
            return Map.of(S_HELD_REQUEST, r);
        }));
        // public-requests: the data subject's routes
        cases.add(new Case("GET /form", i -> Map.of()));
        cases.add(new Case("GET /privacy-notice", i -> Map.of()));
        cases.add(new Case("POST /public/requests", i -> Map.of(S_CONTACT_EMAIL, fresh("lomake"))));
        cases.add(new Case("GET /public/verify", i -> Map.of(S_VERIFY_LINK, verifyLink)));
        cases.add(new Case("POST /public/verify", i -> Map.of(S_VERIFY_BUTTON, publicRequestLink())));
        cases.add(new Case("GET /public/exports/{token}", i -> Map.of(S_EXPORT, exportLink)));
        cases.add(new Case("POST /public/exports/{token}", i -> Map.of(S_EXPORT, exportLink())));
        // last: it reads every audit entry of the week, which the routes above kept adding to (the sample's
        // range is a past week: the bench's is the one ending today)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        cases.add(new Case("GET /audit/integrity", i -> Map.of("2026-11-18", today.minusDays(6).toString(),
                "2026-11-24", today.toString())));
        // the purge's run reports of the same week (admins; the Jobs table)
        cases.add(new Case("GET /purge/reports", i -> Map.of("2026-11-18", today.minusDays(6).toString(),
                "2026-11-24", today.toString())));
        // console: static files, no DynamoDB
        cases.add(new Case("GET /console", i -> Map.of()));
        cases.add(new Case("GET /console/{asset}", i -> Map.of()));
        return cases.stream().filter(c -> handlers.containsKey(c.routeKey())).toList();
    }

    private static Map<String, JsonNode> samples() throws IOException {
        Map<String, JsonNode> events = new HashMap<>();
        try (Stream<Path> files = Files.walk(RepositoryRoot.find().resolve("events"))) {
            // sorted, the last wins: POST /public/requests's JSON submission rather than the form's (both samples)
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (event.path("version").asText().equals("2.0")) {
                    events.put(event.path("routeKey").asText(), event);
                }
            }
        }
        return events;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.substring(0, Math.min(300, body.length()));
    }
}
