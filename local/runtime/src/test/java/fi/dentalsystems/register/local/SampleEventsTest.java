package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.OpenApiContract;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/ holds a realistic API Gateway event for every route, and each one, run through its
 * handler against a register seeded with exactly what the event names (its customer, contact,
 * history entry, request in the state the route needs, the link its token is, a hold), gets the
 * route's intended success status — the one 2xx openapi.yaml declares for it — and an answer that
 * conforms to the contract. A broken route (404, 409, 410, 500 …) fails here (issue 15).
 */
class SampleEventsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");

    // the ids the sample events name (events/README.md)
    static final String CUSTOMER = "cus_01JD7Q2X8K5M3N4P6R7S8T9V0W";
    static final String CONTACT = "con_01JD7Q3A1B2C3D4E5F6G7H8J9K";
    static final String ENTRY = "his_01JD7Q4B2C3D4E5F6G7H8J9K0M";
    static final String PERSON = "testi.henkilo@testi.example";
    static final String REQUEST = "req_01JD7QB2C3D4E5F6G7H8J9K0M1";
    static final String HELD_REQUEST = "req_01JD7Q4M5N6P7Q8R9S0T1V2W3X";
    static final String ANSWERED_ACCESS = "req_01JD7QC3D4E5F6G7H8J9K0M1N2";
    static final String LETTER = "req_01JD7QD4E5F6G7H8J9K0M1N2P3";
    static final String LINKED = "req_01JD7Q9Z8Y7X6W5V4T3S2R1Q0P";

    /** Routes whose success openapi.yaml does not declare (pages outside the staff API); the console redirects to its page. */
    private static final Map<String, Integer> PAGES = Map.of("GET /console", 302, "GET /console/{asset}", 200,
            "GET /form", 200, "GET /privacy-notice", 200, "GET /public/verify", 200, "POST /public/verify", 200,
            "GET /public/exports/{token}", 200, "POST /public/exports/{token}", 200, "POST /public/requests", 202);

    private record Sample(Path file, JsonNode event) {
        String routeKey() {
            return event.path("routeKey").asText();
        }
    }

    private static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RepositoryRoot.find().resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (event.path("version").asText().equals("2.0")) {
                    samples.add(new Sample(file, event));
                }
            }
        }
        return samples;
    }

    /** The world one sample runs in: fresh tables, the seeding register over them, the exports folder. */
    private record World(DynamoDbEngine.TableSet tables, Register register, Path exports, Path outbox) {
    }

    @Test
    void everySampleEventGetsItsRoutesIntendedSuccessFromItsHandler(@TempDir Path dir) throws IOException {
        List<Sample> samples = samples();
        SamTemplate template = SamTemplate.load();
        Map<String, Integer> declared = declaredSuccess();
        List<String> covered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.HttpRoute route : function.routes()) {
                String routeKey = route.routeKey();
                List<Sample> forRoute = samples.stream().filter(s -> s.routeKey().equals(routeKey)).toList();
                assertThat(forRoute).as("a sample event in events/ for " + routeKey).isNotEmpty();
                Integer intended = declared.getOrDefault(routeKey, PAGES.get(routeKey));
                assertThat(intended).as("the intended success of " + routeKey).isNotNull();
                for (Sample sample : forRoute) {
                    World world = world(dir.resolve("run-" + run++));
                    seed(routeKey, world);
                    @SuppressWarnings("unchecked")
                    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                            (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) LocalApi.instantiate(
                                    template, function, ENGINE.client(), world.tables().byLogicalId(),
                                    new MovableClock(NOW), new OutboxMailer(world.outbox(), "local@localhost",
                                            java.time.Clock.systemUTC()), variables(world));
                    APIGatewayV2HTTPEvent event = event(route, sample);
                    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
                    String where = sample.file().getFileName() + " (" + routeKey + ")";
                    if (response.getStatusCode() != intended) {
                        failures.add(where + " answered " + response.getStatusCode() + ", not " + intended + ": "
                                + response.getBody());
                    } else if (declared.containsKey(routeKey)) {
                        OpenApiContract.load().violations(route.method(), route.path(),
                                response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                                event.getHeaders() == null ? null : event.getHeaders().get("content-type"),
                                event.getBody(), response.getBody()).forEach(v -> failures.add(where + ": " + v));
                    }
                    covered.add(routeKey);
                }
            }
        }
        assertThat(failures).as("samples that did not get their route's intended success").isEmpty();
        assertThat(covered).as("every API route of the template ran").hasSizeGreaterThan(50);
    }

    private static Map<String, String> variables(World world) {
        return Map.of("PUBLIC_BASE_URL", "http://localhost:3000", "SUPPRESSION_PEPPER", "local-checks-pepper-not-a-secret",
                "EXPORT_FOLDER", world.exports().toString(), "AUDIT_DIGEST_FOLDER", world.exports().resolveSibling(
                        "digests").toString());
    }

    private static World world(Path dir) throws IOException {
        DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        Path exports = Files.createDirectories(dir.resolve("exports"));
        Path outbox = Files.createDirectories(dir.resolve("outbox"));
        Files.createDirectories(dir.resolve("digests"));
        Register register = new Register(new HandlerSetup(ENGINE.client(), tables.names(), new MovableClock(NOW),
                mail -> "seeded", RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                "SUPPRESSION_PEPPER", "local-checks-pepper-not-a-secret"))));
        return new World(tables, register, exports, outbox);
    }

    /** The API Gateway event of the sample, as the adapter builds it after the authorizer. */
    private static APIGatewayV2HTTPEvent event(SamTemplate.HttpRoute route, Sample sample) {
        JsonNode e = sample.event();
        assertThat(e.path("requestContext").path("routeKey").asText()).isEqualTo(route.routeKey());
        assertThat(e.path("requestContext").path("http").path("method").asText()).isEqualTo(route.method());
        HttpApiEvents.Builder event = HttpApiEvents.request(route.method(), route.path());
        e.path("pathParameters").fields().forEachRemaining(p -> event.path(p.getKey(), p.getValue().asText()));
        e.path("queryStringParameters").fields().forEachRemaining(q -> event.query(q.getKey(), q.getValue().asText()));
        e.path("headers").fields().forEachRemaining(h -> event.header(h.getKey(), h.getValue().asText()));
        Map<String, String> claims = new HashMap<>();
        e.path("requestContext").path("authorizer").path("jwt").path("claims").fields()
                .forEachRemaining(c -> claims.put(c.getKey(), c.getValue().asText()));
        if (route.authorized()) {
            assertThat(claims).as(route.routeKey() + " carries the authorizer's claims").containsKeys("sub", "cognito:groups");
            event.claims(claims);
        } else {
            assertThat(claims).as(route.routeKey() + " is public: no authorizer runs").isEmpty();
        }
        if (e.hasNonNull("body")) {
            event.rawBody(e.path("body").asText(), e.path("isBase64Encoded").asBoolean());
        }
        return event.build();
    }

    /** The one 2xx status openapi.yaml declares for each operation. */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> declaredSuccess() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(RepositoryRoot.find().resolve("openapi.yaml"),
                StandardCharsets.UTF_8));
        Map<String, Integer> success = new LinkedHashMap<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((m, op) -> {
            if (op instanceof Map<?, ?> operation && operation.get("responses") instanceof Map<?, ?> responses) {
                List<Integer> twoxx = responses.keySet().stream().map(String::valueOf).filter(c -> c.startsWith("2"))
                        .map(Integer::valueOf).toList();
                if (twoxx.size() == 1) {
                    success.put(m.toUpperCase(java.util.Locale.ROOT) + " " + path, twoxx.get(0));
                }
            }
        }));
        return success;
    }

    // --- what each route's sample needs -------------------------------------------------------

    private static void seed(String routeKey, World w) throws IOException {
        Map<String, Consumer<World>> seeds = new LinkedHashMap<>();
        seeds.put("PATCH /customers/{customerId}/history/{entryId}", x -> {
            organisation(x);
            request(x, REQUEST, verified(letter(RequestType.RECTIFICATION)));
        });
        seeds.put("DELETE /contacts/{contactId}/credentials/{service}", x -> {
            organisation(x);
            CredentialItem credential = new CredentialItem();
            credential.setContactId(CONTACT);
            credential.setService("portal");
            credential.setUsername("testi.henkilo");
            x.register().credentials().put(credential, NOW);
        });
        for (String held : List.of("GET /customers/{customerId}/hold", "DELETE /customers/{customerId}/hold")) {
            seeds.put(held, x -> {
                organisation(x);
                hold(x, HoldTarget.CUSTOMER, CUSTOMER);
            });
        }
        for (String held : List.of("GET /contacts/{contactId}/hold", "DELETE /contacts/{contactId}/hold")) {
            seeds.put(held, x -> {
                organisation(x);
                hold(x, HoldTarget.CONTACT, CONTACT);
            });
        }
        seeds.put("PUT /requests/{requestId}/hold", x -> request(x, HELD_REQUEST, letter(RequestType.ACCESS)));
        for (String held : List.of("GET /requests/{requestId}/hold", "DELETE /requests/{requestId}/hold")) {
            seeds.put(held, x -> {
                request(x, HELD_REQUEST, letter(RequestType.ACCESS));
                hold(x, HoldTarget.REQUEST, HELD_REQUEST);
            });
        }
        seeds.put("GET /requests/{requestId}", x -> request(x, REQUEST, letter(RequestType.ACCESS)));
        seeds.put("GET /requests/{requestId}/records", x -> {
            organisation(x);
            request(x, REQUEST, verified(letter(RequestType.RECTIFICATION)));
        });
        seeds.put("GET /requests/{requestId}/export", x -> {
            organisation(x);
            request(x, REQUEST, verified(letter(RequestType.ACCESS)));
        });
        seeds.put("POST /requests/{requestId}/verify", x -> request(x, REQUEST, letter(RequestType.ACCESS)));
        seeds.put("POST /requests/{requestId}/extend", x -> request(x, REQUEST, letter(RequestType.ACCESS)));
        seeds.put("POST /requests/{requestId}/reject", x -> request(x, REQUEST, letter(RequestType.ACCESS)));
        seeds.put("POST /requests/{requestId}/classify", x -> request(x, REQUEST, letter(RequestType.UNCLASSIFIED)));
        seeds.put("POST /requests/{requestId}/complete", x -> request(x, REQUEST, verified(letter(RequestType.RECTIFICATION))));
        seeds.put("POST /requests/{requestId}/lift", x -> {
            organisation(x);
            DataSubjectRequest verified = request(x, REQUEST, verified(letter(RequestType.RESTRICTION)));
            x.register().restriction().fulfil(verified, staff(), NOW);
        });
        seeds.put("POST /requests/{requestId}/export/resend", x -> {
            organisation(x);
            answeredAccess(x, ANSWERED_ACCESS);
        });
        seeds.put("POST /requests/{requestId}/export/redactions", x -> {
            organisation(x);
            request(x, REQUEST, verified(letter(RequestType.ACCESS)));
        });
        seeds.put("DELETE /requests/{requestId}/export/redactions/{redactionId}", x -> {
            organisation(x);
            DataSubjectRequest verified = request(x, REQUEST, verified(letter(RequestType.ACCESS)));
            x.register().requests().update(RequestLifecycle.redact(verified, new fi.dentalsystems.register.core.domain.Redaction(
                    "rdn_01JD7QB2C3D4E5F6G7H8J9K0M3", ENTRY, Optional.empty(), "Concerns a colleague", "staff",
                    NOW.minus(Duration.ofHours(1)))));
        });
        seeds.put("PATCH /requests/{requestId}/letter", x -> request(x, LETTER, letter(RequestType.ACCESS)));
        seeds.put("POST /requests/{requestId}/letter/destroyed", x -> request(x, LETTER, letter(RequestType.ACCESS)));
        seeds.put("GET /public/verify", x -> awaitingLink(x, "get-public-verify.json", "queryStringParameters"));
        seeds.put("POST /public/verify", x -> awaitingLink(x, "post-public-verify.json", "body"));
        for (String export : List.of("GET /public/exports/{token}", "POST /public/exports/{token}")) {
            seeds.put(export, x -> {
                organisation(x);
                DataSubjectRequest answered = answeredAccess(x, LINKED);
                // the link the sample carries is the request's current export link
                VerificationToken sample = VerificationToken.parse(sampleToken(export.startsWith("GET")
                        ? "get-public-exports-token.json" : "post-public-exports-token.json")).orElseThrow();
                x.register().requests().update(RequestLifecycle.reissueExportLink(answered, sample, NOW));
            });
        }
        Consumer<World> seed = seeds.get(routeKey);
        if (seed != null) {
            seed.accept(w);
        } else if (routeKey.contains("/customers") || routeKey.contains("/contacts") || routeKey.contains("/notifications")
                || routeKey.contains("/audit")) {
            organisation(w);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger BUSINESS_IDS = new java.util.concurrent.atomic.AtomicInteger(7_000);

    /** The customer, its contact (the sample's person) and a history entry about them, each at version 1, as created (If-Match "1"). */
    private static void organisation(World w) {
        w.register().customers().create(new Customer(CUSTOMER, "Testiklinikka Oy",
                SampleBusinessIds.nth(BUSINESS_IDS.incrementAndGet()), "toimisto@testiklinikka.example", "+358912345678",
                new BillingAddress("Testikatu 1", "00100", "Helsinki", "FI"), Optional.empty(), CustomerStatus.ACTIVE,
                Optional.empty(), false, Optional.empty(), NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(30)), 0));
        w.register().contacts().create(new fi.dentalsystems.register.core.domain.Contact(CONTACT, CUSTOMER, "Testi Henkilö", PERSON,
                Optional.empty(), Set.of(ContactRole.TECHNICAL), DataSource.CUSTOMER, Optional.empty(),
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(30)), 0));
        w.register().history().add(new HistoryEntry(CUSTOMER, ENTRY, NOW.minus(Duration.ofDays(3)), HistoryChannel.PHONE,
                "Asked about the maintenence contract", Optional.of(CONTACT), DataSource.PHONE, "staff",
                NOW.minus(Duration.ofDays(3))));
    }

    private static void hold(World w, HoldTarget target, String id) {
        w.register().holds().place(target, id, new LegalHold(Instant.parse("2031-12-31T00:00:00Z"),
                "Pending claim", "admin", NOW));
    }

    private static DataSubjectRequest letter(RequestType type) {
        return RequestLifecycle.receive(type, RequestChannel.LETTER, PERSON, Optional.of("Testi Henkilö"),
                Optional.of("Puhelinnumero on väärä"), Language.FI, "staff", NOW.minus(Duration.ofDays(2)));
    }

    private static DataSubjectRequest verified(DataSubjectRequest r) {
        return RequestLifecycle.verifyByStaff(r, "staff", "signed letter", NOW.minus(Duration.ofDays(1)));
    }

    /** The request stored under the id the sample names. */
    private static DataSubjectRequest request(World w, String id, DataSubjectRequest r) {
        return w.register().requests().create(RequestLifecycle.fromMail(r, id, Map.of()));
    }

    private static AuditLog.Access staff() {
        return new AuditLog.Access(new Caller("staff-seed", Set.of()), "seed", "-", "administration");
    }

    /** An ACCESS request completed and answered: its export stored in the world's folder, its link mailed. */
    private static DataSubjectRequest answeredAccess(World w, String id) {
        DataSubjectRequest verified = request(w, id, verified(letter(RequestType.ACCESS)));
        return w.register().requestFulfilments(new FolderExportStore(w.exports()), "http://localhost:3000")
                .complete(verified, staff(), NOW.minus(Duration.ofHours(2)));
    }

    /** The request the sample's verification token names, awaiting verification with exactly that link. */
    private static void awaitingLink(World w, String file, String where) {
        String token = where.equals("body") ? sample(file).path("body").asText().replaceFirst("^token=", "")
                : sample(file).path(where).path("token").asText();
        VerificationToken link = VerificationToken.parse(java.net.URLDecoder.decode(token, StandardCharsets.UTF_8))
                .orElseThrow();
        DataSubjectRequest received = RequestLifecycle.fromMail(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.WEB_FORM, PERSON, Optional.empty(), Optional.empty(), Language.FI, "public",
                NOW.minus(Duration.ofHours(1))), link.requestId(), Map.of());
        w.register().requests().create(RequestLifecycle.awaitVerification(received, link, NOW.minus(Duration.ofHours(1))));
    }

    private static String sampleToken(String file) {
        return sample(file).path("pathParameters").path("token").asText();
    }

    private static JsonNode sample(String file) {
        try {
            return JSON.readTree(RepositoryRoot.find().resolve("events/public-requests").resolve(file).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
