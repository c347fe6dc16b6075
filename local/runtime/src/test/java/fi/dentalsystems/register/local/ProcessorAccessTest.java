package fi.dentalsystems.register.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.config.ProcessorConfiguration;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.OpenApiContract;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracted processors (seed §9, GDPR art. 28) through the local runtime with real tokens, as
 * `./dev token processor:<id>` issues them: every staff route answers each demo processor and staff
 * with the status the issue asks for; every read a processor may make returns exactly the fields the
 * purpose tags of StoredAttributes give its purposes (computed here from the tag table and the staff
 * view of the same records) and only the records those purposes concern; writes outside the contract
 * are refused and leave nothing behind, allowed ones are audited with the processor and its purpose;
 * and changing the configuration changes what a processor sees. Every exchange is checked against
 * openapi.yaml.
 */
class ProcessorAccessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String STAFF = "staff";
    private static final String BILLING = "processor:billing";
    private static final String SUPPORT = "processor:technical-support";
    /** The processor register the template configures (the demo processors). */
    private static final ProcessorRegister CONFIGURED = ProcessorConfiguration.from(
            SamTemplate.load().parameterDefault("Processors"));

    static Path dir;
    static LocalRegister register;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("processors");
        register = new LocalRegister(ENGINE, dir);
    }

    @AfterAll
    static void stop() {
        register.close();
    }

    /** One customer with a person in every role, history about two of them, and an account of the technical one. */
    record Fixture(String customerId, Map<ContactRole, String> contacts, String entryAboutTechnical,
                   String entryAboutBilling, String entryAboutNobody, String endable, String deletable) {
        String contact(ContactRole role) {
            return contacts.get(role);
        }
    }

    static Fixture fixture(LocalRegister r) {
        String customerId = customer(r);
        Map<ContactRole, String> contacts = new LinkedHashMap<>();
        for (ContactRole role : ContactRole.values()) {
            contacts.put(role, contact(r, customerId, role));
        }
        String aboutTechnical = entry(r, customerId, "PHONE", contacts.get(ContactRole.TECHNICAL));
        String aboutBilling = entry(r, customerId, "EMAIL", contacts.get(ContactRole.BILLING));
        String aboutNobody = entry(r, customerId, "NOTE", null);
        for (String service : List.of("portal", "legacy")) {
            assertThat(send(r, STAFF, "PUT", "/contacts/{contactId}/credentials/{service}",
                    Map.of("contactId", contacts.get(ContactRole.TECHNICAL), "service", service), "",
                    "{\"username\": \"tekninen\", \"lastSignInAt\": \"2026-01-31T12:00:00Z\"}").statusCode()).isEqualTo(200);
        }
        return new Fixture(customerId, contacts, aboutTechnical, aboutBilling, aboutNobody, customer(r),
                contact(r, customerId, ContactRole.DECISION_MAKER));
    }

    static String customer(LocalRegister r) {
        int n = NEXT.incrementAndGet();
        HttpResponse<String> created = send(r, STAFF, "POST", "/customers", Map.of(), "", customerJson(n));
        assertThat(created.statusCode()).isEqualTo(201);
        return LocalRegister.field(created.body(), "customerId");
    }

    static String customerJson(int n) {
        return """
                {"name": "Hammasklinikka Käsittelijä %d Oy", "businessId": "%s", "email": "toimisto%d@klinikka.example",
                 "phone": "09 1234 56%02d", "eInvoiceAddress": "0037%08d",
                 "billingAddress": {"street": "Laskutuskatu %d", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                """.formatted(n, SampleBusinessIds.nth(700 + n), n, n % 100, n, n);
    }

    static String contact(LocalRegister r, String customerId, ContactRole role) {
        int n = NEXT.incrementAndGet();
        HttpResponse<String> created = send(r, STAFF, "POST", "/customers/{customerId}/contacts",
                Map.of("customerId", customerId), "", """
                        {"name": "Henkilö %s %d", "email": "%s.%d@klinikka.example", "phone": "040 555 %04d",
                         "roles": ["%s"], "source": "CUSTOMER"}
                        """.formatted(role.name().toLowerCase(java.util.Locale.ROOT), n,
                        role.name().toLowerCase(java.util.Locale.ROOT), n, n, role.name()));
        assertThat(created.statusCode()).isEqualTo(201);
        return LocalRegister.field(created.body(), "contactId");
    }

    static String entry(LocalRegister r, String customerId, String channel, String contactId) {
        HttpResponse<String> created = send(r, STAFF, "POST", "/customers/{customerId}/history",
                Map.of("customerId", customerId), "", "{\"channel\": \"" + channel + "\", \"summary\": \"Kirjaus "
                        + channel + "\", \"source\": \"PHONE\"" + (contactId == null ? "" : ", \"contactId\": \""
                        + contactId + "\"") + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        return LocalRegister.field(created.body(), "entryId");
    }

    /** One row of the matrix: a call and the status each caller gets. */
    record Row(String method, String routePath, Supplier<Map<String, String>> path, String query,
               Supplier<String> body, Supplier<String[]> headers, int staff, int billing, int support) {
        String routeKey() {
            return method + " " + routePath;
        }

        int expected(String role) {
            return switch (role) {
                case STAFF -> staff;
                case BILLING -> billing;
                default -> support;
            };
        }
    }

    private static Row row(String method, String routePath, Map<String, String> path, String query, String body,
                           int staff, int billing, int support) {
        return new Row(method, routePath, () -> path, query, () -> body, () -> new String[0], staff, billing, support);
    }

    /** The If-Match of the record's current version, as staff read it. */
    private static String[] ifMatch(String path) {
        String routePath = path.startsWith("/customers/") ? "/customers/{customerId}" : "/contacts/{contactId}";
        Map<String, String> id = Map.of(path.startsWith("/customers/") ? "customerId" : "contactId",
                path.substring(path.lastIndexOf('/') + 1));
        String etag = send(register, STAFF, "GET", routePath, id, "", null).headers().firstValue("etag").orElseThrow();
        return new String[] {"If-Match", etag};
    }

    @Test
    void everyStaffRouteAnswersEachDemoProcessorAndStaffAsTheContractsSay() {
        Fixture f = fixture(register);
        String c = f.customerId();
        String billingContact = f.contact(ContactRole.BILLING);
        String technical = f.contact(ContactRole.TECHNICAL);
        String unknownRequest = "req_01JAAAAAAAAAAAAAAAAAAAAAAA";
        String hold = "{\"until\": \"2031-12-31\", \"reason\": \"claim\"}";
        List<Row> rows = new ArrayList<>(List.of(
                row("POST", "/customers", Map.of(), "", customerJson(NEXT.incrementAndGet()), 201, 403, 403),
                row("GET", "/customers", Map.of(), "limit=100", null, 200, 200, 200),
                row("GET", "/customers/{customerId}", Map.of("customerId", c), "", null, 200, 200, 200),
                new Row("PATCH", "/customers/{customerId}", () -> Map.of("customerId", c), "",
                        () -> "{\"eInvoiceAddress\": \"0037" + (10_000_000 + NEXT.incrementAndGet()) + "\"}",
                        () -> ifMatch("/customers/" + c), 200, 200, 403),
                row("POST", "/customers/{customerId}/end", Map.of("customerId", f.endable()), "", null, 200, 403, 403),
                new Row("POST", "/customers/{customerId}/contacts", () -> Map.of("customerId", c), "",
                        () -> "{\"name\": \"Uusi Henkilö\", \"email\": \"uusi" + NEXT.incrementAndGet()
                                + "@klinikka.example\", \"roles\": [\"BILLING\"], \"source\": \"CUSTOMER\"}",
                        () -> new String[0], 201, 403, 403),
                row("GET", "/customers/{customerId}/contacts", Map.of("customerId", c), "", null, 200, 200, 200),
                row("GET", "/contacts", Map.of(), "email=" + emailOf(billingContact), null, 200, 200, 200),
                row("GET", "/contacts/{contactId}", Map.of("contactId", billingContact), "", null, 200, 200, 404),
                row("GET", "/contacts/{contactId}", Map.of("contactId", technical), "", null, 200, 404, 200),
                new Row("PATCH", "/contacts/{contactId}", () -> Map.of("contactId", technical), "",
                        () -> "{\"phone\": \"040 555 9" + (100 + NEXT.incrementAndGet() % 800) + "\"}",
                        () -> ifMatch("/contacts/" + technical), 200, 403, 403),
                row("DELETE", "/contacts/{contactId}", Map.of("contactId", f.deletable()), "", null, 204, 403, 403),
                row("POST", "/customers/{customerId}/history", Map.of("customerId", c), "",
                        "{\"channel\": \"SUPPORT_TICKET\", \"summary\": \"Tukipyyntö\", \"source\": \"EMAIL\"}",
                        201, 403, 201),
                row("GET", "/customers/{customerId}/history", Map.of("customerId", c), "", null, 200, 403, 200),
                // a correction of the past is a rectification only: staff without X-Data-Subject-Request get 400
                row("PATCH", "/customers/{customerId}/history/{entryId}", Map.of("customerId", c, "entryId",
                        "his_01JAAAAAAAAAAAAAAAAAAAAAAA"), "", "{\"channel\": \"NOTE\"}", 400, 403, 403),
                row("GET", "/marketing/recipients", Map.of(), "", null, 200, 403, 403),
                row("GET", "/notifications/recipients", Map.of(), "customerId=" + c, null, 200, 403, 200),
                row("GET", "/contacts/{contactId}/credentials", Map.of("contactId", technical), "", null, 200, 403, 200),
                row("PUT", "/contacts/{contactId}/credentials/{service}", Map.of("contactId", technical, "service",
                        "portal"), "", "{\"username\": \"tekninen\"}", 200, 403, 403),
                row("DELETE", "/contacts/{contactId}/credentials/{service}", Map.of("contactId", technical, "service",
                        "legacy"), "", null, 204, 403, 403),
                row("GET", "/audit", Map.of(), "targetId=" + c, null, 403, 403, 403),
                row("GET", "/audit/integrity", Map.of(), "", null, 403, 403, 403),
                row("GET", "/purge/reports", Map.of(), "", null, 403, 403, 403),
                row("GET", "/records-of-processing", Map.of(), "", null, 403, 403, 403),
                row("POST", "/requests", Map.of(), "", "{\"type\": \"ACCESS\", \"channel\": \"LETTER\", "
                        + "\"email\": \"kirje@example.fi\", \"name\": \"Kirjeen Kirjoittaja\"}", 201, 403, 403),
                row("GET", "/requests", Map.of(), "", null, 200, 403, 403),
                row("GET", "/requests/{requestId}", Map.of("requestId", unknownRequest), "", null, 404, 403, 403),
                row("POST", "/requests/{requestId}/verify", Map.of("requestId", unknownRequest), "",
                        "{\"note\": \"Signed letter\"}", 404, 403, 403),
                row("POST", "/requests/{requestId}/extend", Map.of("requestId", unknownRequest), "",
                        "{\"months\": 1, \"reason\": \"Much to collect\"}", 404, 403, 403),
                row("POST", "/requests/{requestId}/classify", Map.of("requestId", unknownRequest), "",
                        "{\"type\": \"ACCESS\"}", 404, 403, 403),
                row("POST", "/requests/{requestId}/complete", Map.of("requestId", unknownRequest), "", null,
                        404, 403, 403),
                row("POST", "/requests/{requestId}/lift", Map.of("requestId", unknownRequest), "",
                        "{\"reason\": \"Accuracy confirmed\"}", 404, 403, 403),
                row("GET", "/requests/{requestId}/records", Map.of("requestId", unknownRequest), "", null, 404, 403, 403),
                row("GET", "/requests/{requestId}/export", Map.of("requestId", unknownRequest), "", null, 404, 403, 403),
                row("POST", "/requests/{requestId}/export/redactions", Map.of("requestId", unknownRequest), "",
                        "{\"itemId\": \"con_01JAAAAAAAAAAAAAAAAAAAAAAA\", \"reason\": \"Suojaa muita\"}", 404, 403, 403),
                row("DELETE", "/requests/{requestId}/export/redactions/{redactionId}", Map.of("requestId", unknownRequest,
                        "redactionId", "rdn_01JAAAAAAAAAAAAAAAAAAAAAAA"), "", null, 404, 403, 403),
                row("POST", "/requests/{requestId}/export/resend", Map.of("requestId", unknownRequest), "", null,
                        404, 403, 403),
                row("PATCH", "/requests/{requestId}/letter", Map.of("requestId", unknownRequest), "",
                        "{\"location\": \"Arkisto, kaappi 3\"}", 404, 403, 403),
                row("POST", "/requests/{requestId}/letter/destroyed", Map.of("requestId", unknownRequest), "", null,
                        404, 403, 403),
                row("POST", "/requests/{requestId}/reject", Map.of("requestId", unknownRequest), "",
                        "{\"reason\": \"Not identified\"}", 404, 403, 403)));
        for (String held : List.of("/customers/{customerId}/hold", "/contacts/{contactId}/hold",
                "/requests/{requestId}/hold")) {
            Map<String, String> id = held.startsWith("/customers") ? Map.of("customerId", c)
                    : held.startsWith("/contacts") ? Map.of("contactId", technical) : Map.of("requestId", unknownRequest);
            rows.add(row("GET", held, id, "", null, 403, 403, 403));
            rows.add(row("PUT", held, id, "", hold, 403, 403, 403));
            rows.add(row("DELETE", held, id, "", null, 403, 403, 403));
        }

        // the matrix covers every staff route the template declares, and nothing else
        Set<String> staffRoutes = SamTemplate.load().functions().stream().flatMap(fn -> fn.routes().stream())
                .filter(SamTemplate.HttpRoute::authorized).map(SamTemplate.HttpRoute::routeKey).collect(Collectors.toSet());
        assertThat(rows.stream().map(Row::routeKey).collect(Collectors.toSet())).isEqualTo(staffRoutes);

        Map<String, String> answered = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        // processors first: staff's writes (end, delete) would take the records away
        for (String role : List.of(BILLING, SUPPORT, STAFF)) {
            for (Row row : rows) {
                HttpResponse<String> response = send(register, role, row.method(), row.routePath(), row.path().get(),
                        row.query(), row.body().get(), row.headers().get());
                answered.put(role + " " + row.routeKey() + " " + row.path().get().values(), response.body());
                if (response.statusCode() != row.expected(role)) {
                    wrong.add(role + " " + row.routeKey() + " " + row.path().get().values() + ": "
                            + response.statusCode() + " (expected " + row.expected(role) + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(answered.get(BILLING + " GET /customers/{customerId}/history [" + c + "]"))
                .contains("The purposes of your contract do not cover this route.");
    }

    @Test
    void eachReadAProcessorMayMakeHoldsExactlyTheFieldsItsPurposesAreTaggedWithAndOnlyTheRecordsTheyConcern() {
        Fixture f = fixture(register);
        String c = f.customerId();
        String technical = f.contact(ContactRole.TECHNICAL);
        /** A read; {@code list}: a list made for one purpose, open to processors of that purpose only. */
        record Read(String routePath, Map<String, String> path, String query, RegisterTable table, Purpose list) {
            Read(String routePath, Map<String, String> path, String query, RegisterTable table) {
                this(routePath, path, query, table, null);
            }
        }
        List<Read> reads = List.of(
                new Read("/customers", Map.of(), "limit=100", RegisterTable.CUSTOMERS),
                new Read("/customers/{customerId}", Map.of("customerId", c), "", RegisterTable.CUSTOMERS),
                new Read("/customers/{customerId}/contacts", Map.of("customerId", c), "", RegisterTable.CONTACTS),
                new Read("/contacts", Map.of(), "email=" + emailOf(f.contact(ContactRole.BILLING)), RegisterTable.CONTACTS),
                new Read("/contacts", Map.of(), "email=" + emailOf(technical), RegisterTable.CONTACTS),
                new Read("/contacts/{contactId}", Map.of("contactId", f.contact(ContactRole.BILLING)), "",
                        RegisterTable.CONTACTS),
                new Read("/contacts/{contactId}", Map.of("contactId", technical), "", RegisterTable.CONTACTS),
                new Read("/customers/{customerId}/history", Map.of("customerId", c), "", RegisterTable.HISTORY),
                new Read("/notifications/recipients", Map.of(), "customerId=" + c, RegisterTable.CONTACTS,
                        Purpose.FAULT_NOTICES),
                new Read("/marketing/recipients", Map.of(), "limit=100", RegisterTable.CONTACTS, Purpose.DIRECT_MARKETING),
                new Read("/contacts/{contactId}/credentials", Map.of("contactId", technical), "",
                        RegisterTable.CREDENTIALS));
        int compared = 0;
        for (Processor processor : CONFIGURED.all()) {
            String role = "processor:" + processor.id();
            for (Read read : reads) {
                HttpResponse<String> answer = send(register, role, "GET", read.routePath(), read.path(), read.query(), null);
                JsonNode staff = json(send(register, STAFF, "GET", read.routePath(), read.path(), read.query(), null));
                List<JsonNode> staffRecords = records(staff);
                List<JsonNode> visible = staffRecords.stream()
                        .filter(r -> concerns(read.table(), r, processor.purposes())).toList();
                if (answer.statusCode() == 404) {
                    assertThat(visible).as(role + " " + read.routePath() + ": a record its purposes concern").isEmpty();
                    continue;
                }
                if (answer.statusCode() == 403 && read.list() != null) {
                    assertThat(processor.purposes()).as(role + " " + read.routePath()).doesNotContain(read.list());
                    continue;
                }
                if (answer.statusCode() == 403) {
                    assertThat(staffRecords.stream().anyMatch(r -> !shownFields(read.table(), r,
                            processor.purposes()).stream().allMatch(field -> isTechnical(read.table(), field))))
                            .as(role + " " + read.routePath() + " is refused though its purposes would show something")
                            .isFalse();
                    continue;
                }
                assertThat(answer.statusCode()).as(role + " " + read.routePath()).isEqualTo(200);
                List<JsonNode> got = records(json(answer));
                // only the records its purposes concern: same ids as the staff view, filtered by the tags
                assertThat(got.stream().map(ProcessorAccessTest::id).toList()).as(role + " " + read.routePath() + " records")
                        .isEqualTo(visible.stream().map(ProcessorAccessTest::id).toList());
                for (int i = 0; i < got.size(); i++) {
                    assertThat(fields(got.get(i))).as(role + " " + read.routePath() + " fields of " + id(got.get(i)))
                            .isEqualTo(shownFields(read.table(), visible.get(i), processor.purposes()));
                    compared++;
                }
            }
        }
        assertThat(compared).as("records compared field by field").isGreaterThan(10);

        // what the tags mean here, spelled out once: billing sees billing people and addresses, never history
        JsonNode billingView = json(send(register, BILLING, "GET", "/customers/{customerId}", Map.of("customerId", c), "", null));
        assertThat(billingView.has("eInvoiceAddress")).isTrue();
        assertThat(billingView.has("businessId")).isTrue();
        assertThat(billingView.has("phone")).isFalse();
        assertThat(billingView.has("marketingOptOut")).isFalse();
        JsonNode billingPeople = json(send(register, BILLING, "GET", "/customers/{customerId}/contacts",
                Map.of("customerId", c), "", null));
        assertThat(billingPeople.path("items").findValuesAsText("contactId")).containsExactly(f.contact(ContactRole.BILLING));
        JsonNode supportPeople = json(send(register, SUPPORT, "GET", "/customers/{customerId}/contacts",
                Map.of("customerId", c), "", null));
        assertThat(supportPeople.path("items").findValuesAsText("contactId")).containsExactlyInAnyOrder(
                technical, f.contact(ContactRole.USER), f.contact(ContactRole.MAINTAINER));
        JsonNode supportHistory = json(send(register, SUPPORT, "GET", "/customers/{customerId}/history",
                Map.of("customerId", c), "", null));
        assertThat(supportHistory.path("items").findValuesAsText("entryId"))
                .contains(f.entryAboutTechnical(), f.entryAboutNobody()).doesNotContain(f.entryAboutBilling());
    }

    @Test
    void aProcessorsWriteOutsideItsPurposesIsRefusedAndNothingIsWritten() {
        Fixture f = fixture(register);
        String c = f.customerId();
        String before = snapshot(c);
        record Refused(String role, String method, String routePath, Map<String, String> path, String body,
                       boolean ifMatch, String header) {
        }
        List<Refused> attempts = List.of(
                new Refused(SUPPORT, "POST", "/customers/{customerId}/history", Map.of("customerId", c),
                        "{\"channel\": \"MEETING\", \"summary\": \"Tapaaminen\", \"source\": \"PHONE\"}", false, null),
                new Refused(BILLING, "POST", "/customers/{customerId}/history", Map.of("customerId", c),
                        "{\"channel\": \"SUPPORT_TICKET\", \"summary\": \"Lasku\", \"source\": \"EMAIL\"}", false, null),
                new Refused(BILLING, "PATCH", "/customers/{customerId}", Map.of("customerId", c),
                        "{\"phone\": \"09 7654 3210\"}", true, null),
                new Refused(BILLING, "PATCH", "/customers/{customerId}", Map.of("customerId", c),
                        "{\"eInvoiceAddress\": \"003799999999\", \"marketingOptOut\": true}", true, null),
                new Refused(BILLING, "PATCH", "/customers/{customerId}", Map.of("customerId", c),
                        "{\"eInvoiceAddress\": \"003799999999\"}", true, "req_01JAAAAAAAAAAAAAAAAAAAAAAA"),
                new Refused(SUPPORT, "PATCH", "/customers/{customerId}", Map.of("customerId", c),
                        "{\"phone\": \"09 7654 3210\"}", true, null),
                new Refused(SUPPORT, "PATCH", "/contacts/{contactId}", Map.of("contactId", f.contact(ContactRole.TECHNICAL)),
                        "{\"phone\": \"040 555 9999\"}", true, null),
                new Refused(SUPPORT, "POST", "/customers/{customerId}/contacts", Map.of("customerId", c),
                        "{\"name\": \"Uusi\", \"email\": \"uusi@klinikka.example\", \"roles\": [\"USER\"], "
                                + "\"source\": \"CUSTOMER\"}", false, null),
                new Refused(SUPPORT, "PUT", "/contacts/{contactId}/credentials/{service}",
                        Map.of("contactId", f.contact(ContactRole.TECHNICAL), "service", "portal"),
                        "{\"username\": \"toinen\"}", false, null),
                new Refused(BILLING, "DELETE", "/contacts/{contactId}", Map.of("contactId", f.contact(ContactRole.BILLING)),
                        null, false, null),
                new Refused(BILLING, "POST", "/customers/{customerId}/end", Map.of("customerId", c), null, false, null));
        for (Refused a : attempts) {
            List<String> headers = new ArrayList<>();
            if (a.ifMatch()) {
                String path = a.routePath().startsWith("/customers") ? "/customers/" + c
                        : "/contacts/" + a.path().get("contactId");
                headers.addAll(List.of(ifMatch(path)));
            }
            if (a.header() != null) {
                headers.addAll(List.of("X-Data-Subject-Request", a.header()));
            }
            HttpResponse<String> refused = send(register, a.role(), a.method(), a.routePath(), a.path(), "", a.body(),
                    headers.toArray(String[]::new));
            assertThat(refused.statusCode()).as(a.role() + " " + a.method() + " " + a.routePath() + " " + a.body())
                    .isEqualTo(403);
            // the refusal names fields and rules, never a value sent
            assertThat(refused.body()).doesNotContain("09 7654 3210").doesNotContain("003799999999");
        }
        assertThat(send(register, BILLING, "PATCH", "/customers/{customerId}", Map.of("customerId", c), "",
                "{\"eInvoiceAddress\": \"003799999999\", \"marketingOptOut\": true}", ifMatch("/customers/" + c))
                .body()).contains("do not cover marketingOptOut.");
        // a support ticket about a person the helpdesk may not see is, to it, about no contact of this customer
        assertThat(send(register, SUPPORT, "POST", "/customers/{customerId}/history", Map.of("customerId", c), "",
                "{\"channel\": \"SUPPORT_TICKET\", \"summary\": \"Laskukysymys\", \"source\": \"EMAIL\", \"contactId\": \""
                        + f.contact(ContactRole.BILLING) + "\"}").statusCode()).isEqualTo(400);
        assertThat(snapshot(c)).as("nothing was written").isEqualTo(before);
    }

    @Test
    void anAllowedWriteIsAuditedWithTheProcessorAndThePurposeItActedUnder() {
        Fixture f = fixture(register);
        String c = f.customerId();
        HttpResponse<String> ticket = send(register, SUPPORT, "POST", "/customers/{customerId}/history",
                Map.of("customerId", c), "", "{\"channel\": \"SUPPORT_TICKET\", \"summary\": \"Kuvantamispalvelin ei vastaa\", "
                        + "\"source\": \"EMAIL\", \"contactId\": \"" + f.contact(ContactRole.TECHNICAL) + "\"}");
        assertThat(ticket.statusCode()).isEqualTo(201);
        String entryId = LocalRegister.field(ticket.body(), "entryId");
        assertThat(audit(entryId)).extracting(e -> e.path("action").asText() + " " + e.path("actorGroup").asText() + " "
                + e.path("processorId").asText() + " " + e.path("purpose").asText())
                .containsExactly("CREATE PROCESSOR technical-support technical-support");

        HttpResponse<String> changed = send(register, BILLING, "PATCH", "/customers/{customerId}", Map.of("customerId", c),
                "", "{\"eInvoiceAddress\": \"003712340000\"}", ifMatch("/customers/" + c));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(send(register, STAFF, "GET", "/customers/{customerId}", Map.of("customerId", c), "", null))
                .path("eInvoiceAddress").asText()).isEqualTo("003712340000");
        assertThat(send(register, SUPPORT, "GET", "/notifications/recipients", Map.of(), "customerId=" + c, null)
                .statusCode()).isEqualTo(200);
        List<String> customerTrail = audit(c).stream().map(e -> e.path("action").asText() + " "
                + e.path("processorId").asText() + " " + e.path("purpose").asText()).toList();
        assertThat(customerTrail).contains("UPDATE billing billing");
        assertThat(audit(f.contact(ContactRole.TECHNICAL)).stream().map(e -> e.path("route").asText() + " "
                + e.path("processorId").asText() + " " + e.path("purpose").asText()))
                .contains("GET /notifications/recipients technical-support fault-notices");
        // reads are audited the same way
        send(register, BILLING, "GET", "/contacts/{contactId}", Map.of("contactId", f.contact(ContactRole.BILLING)), "", null);
        assertThat(audit(f.contact(ContactRole.BILLING)).stream().map(e -> e.path("action").asText() + " "
                + e.path("actorGroup").asText() + " " + e.path("processorId").asText() + " " + e.path("purpose").asText()))
                .contains("READ PROCESSOR billing billing");
    }

    @Test
    void addingAPurposeToAProcessorInTheConfigurationChangesWhatItSees(@TempDir Path other) throws IOException {
        Fixture f = fixture(register);
        String c = f.customerId();
        assertThat(send(register, BILLING, "GET", "/customers/{customerId}/history", Map.of("customerId", c), "", null)
                .statusCode()).isEqualTo(403);
        assertThat(json(send(register, BILLING, "GET", "/customers/{customerId}/contacts", Map.of("customerId", c), "",
                null)).path("items").findValuesAsText("contactId")).containsExactly(f.contact(ContactRole.BILLING));

        String changed = SamTemplate.load().parameterDefault("Processors").orElseThrow()
                .replace("\"purposes\": [\"billing\"]", "\"purposes\": [\"billing\", \"technical-support\"]");
        assertThat(changed).contains("[\"billing\", \"technical-support\"]");
        try (LocalRegister reconfigured = new LocalRegister(ENGINE, other, Map.of(ProcessorRegister.VARIABLE, changed))) {
            assertThat(json(send(reconfigured, BILLING, "GET", "/customers/{customerId}/history", Map.of("customerId", c),
                    "", null)).path("items").findValuesAsText("entryId")).contains(f.entryAboutTechnical());
            assertThat(json(send(reconfigured, BILLING, "GET", "/customers/{customerId}/contacts",
                    Map.of("customerId", c), "", null)).path("items").findValuesAsText("contactId"))
                    .contains(f.contact(ContactRole.BILLING), f.contact(ContactRole.TECHNICAL));
            assertThat(json(send(reconfigured, BILLING, "GET", "/customers/{customerId}", Map.of("customerId", c), "",
                    null)).has("phone")).isTrue();
            assertThat(json(send(reconfigured, STAFF, "GET", "/privacy-notice", Map.of(), "lang=en&format=json", null))
                    .toString()).contains("Esimerkki Laskutus Oy\",\"Billing, Technical support\"");
        }
    }

    // --- the tag table, read here without the code under test (store.Disclosure) ---

    private static boolean isTechnical(RegisterTable table, String attribute) {
        return StoredAttributes.of(table, attribute).orElseThrow(() -> new AssertionError(table + "." + attribute
                + " is answered but not declared")).technical();
    }

    /** The purposes a personal attribute of one record serves, from its declaration (and the contact's roles). */
    private static Set<Purpose> tagged(RegisterTable table, String attribute, Set<ContactRole> roles) {
        StoredAttributes.Declaration d = StoredAttributes.of(table, attribute).orElseThrow();
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        purposes.addAll(d.purposes());
        if (d.byRoles()) {
            roles.forEach(r -> purposes.addAll(r.purposes()));
        }
        return purposes;
    }

    private static Set<ContactRole> roles(RegisterTable table, JsonNode record) {
        Set<ContactRole> roles = EnumSet.noneOf(ContactRole.class);
        if (table == RegisterTable.CONTACTS) {
            record.path("roles").forEach(r -> roles.add(ContactRole.valueOf(r.asText())));
        }
        return roles;
    }

    /** The attributes of the staff view of a record that these purposes may see: technical ones and tagged ones. */
    private static Set<String> shownFields(RegisterTable table, JsonNode staffRecord, Set<Purpose> purposes) {
        Set<ContactRole> roles = roles(table, staffRecord);
        return fields(staffRecord).stream().filter(a -> isTechnical(table, a)
                || tagged(table, a, roles).stream().anyMatch(purposes::contains)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A record concerns the purposes when some personal attribute of it is tagged with one of them. */
    private static boolean concerns(RegisterTable table, JsonNode staffRecord, Set<Purpose> purposes) {
        if (table == RegisterTable.HISTORY && staffRecord.has("contactId")) {
            JsonNode person = json(send(register, STAFF, "GET", "/contacts/{contactId}",
                    Map.of("contactId", staffRecord.path("contactId").asText()), "", null));
            if (!concerns(RegisterTable.CONTACTS, person, purposes)) {
                return false; // an entry about a person comes with that person
            }
        }
        Set<ContactRole> roles = roles(table, staffRecord);
        return fields(staffRecord).stream().anyMatch(a -> !isTechnical(table, a)
                && tagged(table, a, roles).stream().anyMatch(purposes::contains));
    }

    /** The stored attributes a JSON record holds: its leaves, named as StoredAttributes names them. */
    private static Set<String> fields(JsonNode record) {
        Set<String> attributes = new TreeSet<>();
        leaves("", record, attributes);
        return attributes;
    }

    private static void leaves(String prefix, JsonNode node, Set<String> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                leaves(path + ".", field.getValue(), into);
            } else {
                into.add(attributeOf(path));
            }
        }
    }

    /** The representation's few renamed fields (openapi.yaml); every other leaf is its attribute's name. */
    private static String attributeOf(String path) {
        return switch (path) {
            case "marketing.objects", "marketing.objectedAt" -> "objectedAt";
            case "marketing.requestId" -> "objectionRequestId";
            case "restriction.at" -> "restrictedAt";
            case "restriction.reason" -> "restrictionReason";
            case "restriction.requestId" -> "restrictionRequestId";
            default -> path.substring(path.lastIndexOf('.') + 1);
        };
    }

    private static List<JsonNode> records(JsonNode answer) {
        List<JsonNode> records = new ArrayList<>();
        if (answer.has("items")) {
            answer.path("items").forEach(records::add);
        } else {
            records.add(answer);
        }
        return records;
    }

    private static String id(JsonNode record) {
        for (String key : List.of("entryId", "contactId", "customerId")) {
            if (record.has(key) && !(key.equals("customerId") && record.has("contactId"))
                    && !(key.equals("contactId") && record.has("service"))) {
                return record.path(key).asText();
            }
        }
        return record.path("service").asText();
    }

    // --- calls ---

    /** Everything the staff view shows of the customer and its history, and its stored items: to show nothing changed. */
    private static String snapshot(String customerId) {
        String items = register.everyTable().entrySet().stream()
                .filter(e -> !e.getKey().equals("AuditTable"))
                .map(e -> e.getKey() + "=" + e.getValue().stream().filter(i -> i.toString().contains(customerId))
                        .map(Object::toString).sorted().toList())
                .collect(Collectors.joining("\n"));
        return items;
    }

    private static List<JsonNode> audit(String targetId) {
        List<JsonNode> entries = new ArrayList<>();
        json(send(register, "admin", "GET", "/audit", Map.of(), "targetId=" + targetId + "&limit=100", null))
                .path("items").forEach(entries::add);
        return entries;
    }

    private static String emailOf(String contactId) {
        return URLEncoder.encode(json(send(register, STAFF, "GET", "/contacts/{contactId}", Map.of("contactId", contactId),
                "", null)).path("email").asText(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call with a token of the role over real HTTP, its exchange checked against openapi.yaml. */
    static HttpResponse<String> send(LocalRegister r, String role, String method, String routePath,
                                     Map<String, String> path, String query, String json, String... headers) {
        String resolved = routePath;
        for (Map.Entry<String, String> p : path.entrySet()) {
            resolved = resolved.replace("{" + p.getKey() + "}", p.getValue());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.base() + resolved + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + r.tokens.issue(role, Instant.now()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = LocalRegister.HTTP.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> responseHeaders.put(k, v.get(0)));
        OpenApiContract.load().assertConforms(method, routePath, response.statusCode(), responseHeaders,
                json == null ? null : "application/json", json, response.body());
        return response;
    }
}
