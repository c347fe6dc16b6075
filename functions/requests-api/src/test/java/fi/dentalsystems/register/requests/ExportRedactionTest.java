package fi.dentalsystems.register.requests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.store.AuditItem;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.ApiClient.Answer;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction before release (GDPR art. 15(4); decision 0018) through the real handler on dynalite:
 * staff withhold a passage or an item, the review shows it, the person's copy as stored for the
 * link lacks it and says so once, an undo restores it, a completed request's copy is settled, and
 * every step is audited — the reason staff gave never in the copy, a problem or a log line.
 */
class ExportRedactionTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Customers.AT;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String PASSAGE = "Bertta Bystander was off sick with the flu";
    static final String REASON = "Concerns a colleague's health, not the requester (Zacharias-reason-marker)";

    @TempDir
    Path folder;

    /** A person with two history entries, one naming a colleague's health, one meeting someone else's staff. */
    private record Person(String email, Contact contact, HistoryEntry mixed, HistoryEntry other, String bystanderEntry) {
    }

    private static Person person(Register register, String tag) {
        Customer clinic = register.customers().create(Customers.aCustomer());
        String email = "anna-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.fi";
        Contact anna = register.contacts().create(Customers.aContact(clinic, email).withName("Anna Access"));
        Contact bertta = register.contacts().create(Customers.aContact(clinic, "bertta-" + UUID.randomUUID()
                .toString().substring(0, 6) + "@example.fi").withName("Bertta Bystander"));
        HistoryEntry mixed = new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.PHONE,
                "Anna asked about backups. " + PASSAGE + ".", Optional.of(anna.contactId()), DataSource.PHONE,
                "staff", NOW);
        HistoryEntry other = new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.MEETING,
                "Anna met Cecilia Citizen of the partner clinic about her complaint", Optional.of(anna.contactId()),
                DataSource.CUSTOMER, "staff", NOW);
        HistoryEntry berttas = new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.NOTE,
                "Bertta's invoice question", Optional.of(bertta.contactId()), DataSource.CUSTOMER, "staff", NOW);
        register.history().add(mixed);
        register.history().add(other);
        register.history().add(berttas);
        return new Person(email, anna, mixed, other, berttas.entryId());
    }

    private ApiClient api(Register register) {
        return new ApiClient(handler());
    }

    private RequestsApiHandler handler() {
        return new RequestsApiHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(), CLOCK,
                new OutboxMailer(folder.resolve("outbox"), "tietosuoja@dentalsystems.fi", CLOCK),
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000"))),
                new FolderExportStore(folder.resolve("exports")));
    }

    private static DataSubjectRequest verifiedAccess(Register register, String email, Language language) {
        return register.requests().create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.LETTER, email, Optional.empty(), Optional.empty(), language, "staff", NOW), "staff",
                "signed letter", NOW));
    }

    private static Answer redact(ApiClient api, String requestId, String json) {
        return api.call("POST", "/requests/{requestId}/export/redactions",
                b -> b.path("requestId", requestId).caller("staff-9", ApiClient.STAFF).json(json));
    }

    private static Answer undo(ApiClient api, String requestId, String redactionId) {
        return api.call("DELETE", "/requests/{requestId}/export/redactions/{redactionId}",
                b -> b.path("requestId", requestId).path("redactionId", redactionId).caller("staff-9", ApiClient.STAFF));
    }

    private static Answer preview(ApiClient api, String requestId, String format) {
        return api.call("GET", "/requests/{requestId}/export", b -> b.path("requestId", requestId).query("format", format)
                .caller("staff-9", ApiClient.STAFF));
    }

    private static String passageOf(HistoryEntry entry) {
        return "{\"itemId\": \"" + entry.entryId() + "\", \"passage\": \"" + PASSAGE + "\", \"reason\": \"" + REASON + "\"}";
    }

    private static String whole(String itemId) {
        return "{\"itemId\": \"" + itemId + "\", \"reason\": \"" + REASON + "\"}";
    }

    @Test
    void aWithheldPassageAndItemAreAbsentFromThePersonsStoredCopyWhichSaysSoOnceAndTheReviewNamesBoth()
            throws Exception {
        Register register = ENGINE.register();
        Person p = person(register, "both");
        DataSubjectRequest request = verifiedAccess(register, p.email(), Language.EN);
        ApiClient api = api(register);

        Answer passage = redact(api, request.requestId(), passageOf(p.mixed()));
        assertThat(passage.status()).isEqualTo(201);
        String passageId = passage.json().path("redactionId").asText();
        assertThat(passageId).startsWith("rdn_");
        assertThat(passage.header("location")).isEqualTo("/requests/" + request.requestId() + "/export/redactions/"
                + passageId);
        assertThat(passage.json().path("passage").asText()).isEqualTo(PASSAGE);
        assertThat(passage.json().path("redactedBy").asText()).isEqualTo("staff-9");
        assertThat(redact(api, request.requestId(), whole(p.other().entryId())).status()).isEqualTo(201);

        // the review: the person's copy, and beside it what was withheld and why
        Answer review = preview(api, request.requestId(), "json");
        assertThat(review.status()).isEqualTo(200);
        JsonNode redactions = review.json().path("redactions");
        assertThat(redactions.findValuesAsText("itemId")).containsExactly(p.mixed().entryId(), p.other().entryId());
        assertThat(redactions.findValuesAsText("reason")).containsOnly(REASON);
        JsonNode history = review.json().path("categories").get(1).path("items");
        assertThat(history.findValuesAsText("entryId")).containsExactly(p.mixed().entryId());
        assertThat(history.get(0).path("summary").asText()).isEqualTo("Anna asked about backups. [withheld].");
        assertThat(review.json().path("withheld").asText()).contains("withheld").contains("15(4)");

        // the copy the link delivers, as completing stores it
        assertThat(api.call("POST", "/requests/{requestId}/complete", b -> b.path("requestId", request.requestId())
                .caller("staff-9", ApiClient.STAFF)).status()).isEqualTo(200);
        String stored = Files.readString(folder.resolve("exports/exports/" + request.requestId() + ".html"),
                StandardCharsets.UTF_8);
        String json = jsonInside(stored);
        for (String copy : List.of(stored, json)) {
            assertThat(copy).contains("Anna Access").contains("Anna asked about backups")
                    .contains("Some information has been withheld from this copy to protect the rights and freedoms")
                    .doesNotContain(PASSAGE).doesNotContain("Bertta Bystander").doesNotContain("Cecilia")
                    .doesNotContain(p.other().entryId()).doesNotContain("Zacharias-reason-marker")
                    .doesNotContain("rdn_").doesNotContain("redactions").doesNotContain("colleague");
        }
        assertThat(stored.split("withheld from this copy", -1)).as("the sentence once, whatever was withheld")
                .hasSize(2);
        assertThat(json).contains("\"schemaVersion\":\"3\"");
        var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(
                Files.readString(RepositoryRoot.find().resolve("docs/schemas/access-export.schema.json")),
                InputFormat.JSON).validate(json, InputFormat.JSON);
        assertThat(errors).as("the redacted copy is valid against the published schema").isEmpty();
        // the register itself is untouched: the history entry still holds the passage
        assertThat(register.history().find(p.mixed().customerId(), p.mixed().entryId()).orElseThrow().summary())
                .contains(PASSAGE);
    }

    @Test
    void theSentenceIsInTheRequestersLanguageAndACopyWithoutRedactionsHasNone() {
        Register register = ENGINE.register();
        Person p = person(register, "fi");
        DataSubjectRequest plain = verifiedAccess(register, p.email(), Language.FI);
        ApiClient api = api(register);
        Answer unredacted = preview(api, plain.requestId(), "json");
        assertThat(unredacted.json().has("withheld")).isFalse();
        assertThat(unredacted.json().has("redactions")).isFalse();
        assertThat(unredacted.body()).contains(PASSAGE);

        assertThat(redact(api, plain.requestId(), passageOf(p.mixed())).status()).isEqualTo(201);
        Answer page = preview(api, plain.requestId(), "html");
        assertThat(page.body()).contains("<html lang=\"fi\"")
                .contains("Osa tiedoista on jätetty pois tästä kopiosta muiden henkilöiden oikeuksien")
                .contains("Anna asked about backups. [poistettu].").doesNotContain(PASSAGE)
                .doesNotContain("Zacharias-reason-marker");
    }

    @Test
    void anUndoneRedactionWithholdsNothingAndCannotBeUndoneTwice() {
        Register register = ENGINE.register();
        Person p = person(register, "undo");
        DataSubjectRequest request = verifiedAccess(register, p.email(), Language.EN);
        ApiClient api = api(register);
        String id = redact(api, request.requestId(), whole(p.mixed().entryId())).json().path("redactionId").asText();
        assertThat(preview(api, request.requestId(), "json").json().path("categories").get(1).toString())
                .doesNotContain(p.mixed().entryId());

        Answer undone = undo(api, request.requestId(), id);
        assertThat(undone.status()).isEqualTo(204);
        Answer review = preview(api, request.requestId(), "json");
        assertThat(review.body()).contains(p.mixed().entryId()).contains(PASSAGE);
        assertThat(review.json().has("withheld")).as("nothing is withheld any more").isFalse();
        assertThat(review.json().has("redactions")).isFalse();
        assertThat(undo(api, request.requestId(), id).status()).as("already undone").isEqualTo(404);
        assertThat(undo(api, request.requestId(), "rdn_" + Ulid.next(NOW)).status()).isEqualTo(404);
        assertThat(undo(api, request.requestId(), "not-an-id").status()).isEqualTo(404);
    }

    @Test
    void afterCompletionRedactingAndUndoingAreRefusedAndTheCopyStaysAsSent() throws Exception {
        Register register = ENGINE.register();
        Person p = person(register, "done");
        DataSubjectRequest request = verifiedAccess(register, p.email(), Language.EN);
        ApiClient api = api(register);
        String id = redact(api, request.requestId(), passageOf(p.mixed())).json().path("redactionId").asText();
        assertThat(api.call("POST", "/requests/{requestId}/complete", b -> b.path("requestId", request.requestId())
                .caller("staff-9", ApiClient.STAFF)).status()).isEqualTo(200);
        Path stored = folder.resolve("exports/exports/" + request.requestId() + ".html");
        String sent = Files.readString(stored, StandardCharsets.UTF_8);

        Answer late = redact(api, request.requestId(), whole(p.other().entryId()));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.header("content-type")).startsWith("application/problem+json");
        assertThat(late.json().path("detail").asText()).contains("COMPLETED").doesNotContain("Zacharias");
        Answer lateUndo = undo(api, request.requestId(), id);
        assertThat(lateUndo.status()).isEqualTo(409);
        assertThat(register.requests().find(request.requestId()).orElseThrow().redactions())
                .extracting(r -> r.redactionId()).containsExactly(id);
        assertThat(Files.readString(stored, StandardCharsets.UTF_8)).isEqualTo(sent).doesNotContain(PASSAGE);
    }

    @Test
    void whatCannotBeRedactedIsAProblemThatNeverEchoesTheReason() {
        Register register = ENGINE.register();
        Person p = person(register, "bad");
        DataSubjectRequest request = verifiedAccess(register, p.email(), Language.EN);
        ApiClient api = api(register);
        String rid = request.requestId();

        Answer notMine = redact(api, rid, whole(p.bystanderEntry()));
        assertThat(notMine.status()).as("another person's entry is not in this export").isEqualTo(400);
        assertThat(notMine.json().path("errors").findValuesAsText("field")).containsExactly("itemId");
        assertThat(notMine.body()).doesNotContain("Zacharias");
        Answer notThere = redact(api, rid, "{\"itemId\": \"" + p.mixed().entryId() + "\", \"passage\": \"not in it\", "
                + "\"reason\": \"" + REASON + "\"}");
        assertThat(notThere.status()).isEqualTo(400);
        assertThat(notThere.json().path("errors").findValuesAsText("field")).containsExactly("passage");
        Answer contactPassage = redact(api, rid, "{\"itemId\": \"" + p.contact().contactId() + "\", \"passage\": "
                + "\"Anna\", \"reason\": \"" + REASON + "\"}");
        assertThat(contactPassage.status()).as("only a history summary has passages").isEqualTo(400);
        Answer pic = redact(api, rid, "{\"itemId\": \"" + p.mixed().entryId() + "\", \"reason\": "
                + "\"Her henkilötunnus 131052-308T was in it\"}");
        assertThat(pic.status()).as("the reason is free text, guarded").isEqualTo(400);
        assertThat(pic.json().path("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(pic.body()).doesNotContain("131052-308T");
        assertThat(redact(api, rid, "{\"itemId\": \"" + p.mixed().entryId() + "\"}").status()).isEqualTo(400);
        assertThat(redact(api, rid, "{\"itemId\": \"req_01JD7QB2C3D4E5F6G7H8J9K0M1\", \"reason\": \"x\"}").status())
                .as("a request is not an item others appear in").isEqualTo(400);
        assertThat(redact(api, rid, "{\"itemId\": \"" + p.mixed().entryId() + "\", \"reason\": \"x\", \"extra\": 1}")
                .status()).isEqualTo(400);

        assertThat(redact(api, rid, whole(p.mixed().entryId())).status()).isEqualTo(201);
        Answer twice = redact(api, rid, whole(p.mixed().entryId()));
        assertThat(twice.status()).as("the same thing twice").isEqualTo(409);

        DataSubjectRequest erasure = register.requests().create(Requests.aVerifiedRequest(RequestType.ERASURE, p.email()));
        assertThat(redact(api, erasure.requestId(), whole(p.mixed().entryId())).status()).isEqualTo(409);
        DataSubjectRequest unverified = register.requests().create(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.LETTER, p.email(), Optional.empty(), Optional.empty(), Language.EN, "staff", NOW));
        Answer early = redact(api, unverified.requestId(), whole(p.mixed().entryId()));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("detail").asText()).contains("verify it first");
        assertThat(redact(api, "req_" + Ulid.next(NOW), whole(p.mixed().entryId())).status()).isEqualTo(404);
        assertThat(api.asProcessor("billing", "POST", "/requests/{requestId}/export/redactions",
                b -> b.path("requestId", rid).json(whole(p.mixed().entryId()))).status())
                .as("a processor may not redact").isEqualTo(403);
    }

    @Test
    void everyRedactionStepIsAuditedInItsOwnInvocationAndTheReasonIsNeverLogged() throws Exception {
        Register register = ENGINE.register();
        Person p = person(register, "audit");
        DataSubjectRequest request = verifiedAccess(register, p.email(), Language.EN);
        AuditCompleteness completeness = new AuditCompleteness();
        RequestsApiHandler audited = new RequestsApiHandler(new HandlerSetup(completeness.recording(ENGINE.client()),
                ENGINE.tables(), CLOCK, new OutboxMailer(folder.resolve("outbox"), "tietosuoja@dentalsystems.fi", CLOCK),
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000"))),
                new FolderExportStore(folder.resolve("exports")));
        com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                completeness.checking(audited, e -> e.getRequestContext().getHttp().getMethod() + " " + e.getRawPath());
        ApiClient api = new ApiClient(handler);

        String id = redact(api, request.requestId(), passageOf(p.mixed())).json().path("redactionId").asText();
        assertThat(undo(api, request.requestId(), id).status()).isEqualTo(204);
        assertThat(completeness.invocations()).isEqualTo(2);
        // every item the redaction routes touched is audited (issue 14: the customers scan filters on emailKey
        // in the table, so no other organisation's record reaches the function)
        assertThat(completeness.unaudited()).isEmpty();

        List<AuditItem> day = register.audit().entriesOf(LocalDate.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(day).filteredOn(e -> e.getTargetId() != null && e.getTargetId().contains(p.mixed().entryId()))
                .as("the entry judged against is named").extracting(AuditItem::getRoute, AuditItem::getAction)
                .contains(org.assertj.core.groups.Tuple.tuple("POST /requests/{requestId}/export/redactions", "READ"));
        List<AuditItem> entries = day.stream()
                .filter(e -> e.getTargetId() != null && e.getTargetId().contains(request.requestId())).toList();
        assertThat(entries).filteredOn(e -> e.getRoute().equals("POST /requests/{requestId}/export/redactions"))
                .extracting(AuditItem::getAction).contains("READ", "UPDATE");
        assertThat(entries).filteredOn(e -> e.getRoute().equals(
                "DELETE /requests/{requestId}/export/redactions/{redactionId}")).extracting(AuditItem::getAction)
                .containsExactly("UPDATE");
        assertThat(entries).allSatisfy(e -> assertThat(String.valueOf(e.getDetails())).doesNotContain("Zacharias"));

        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the routes logged their invocations, or this proves nothing")
                .contains("export/redactions");
        assertThat(log).doesNotContain("Zacharias-reason-marker").doesNotContain(PASSAGE);
    }

    /** The JSON download inside the stored page (a data: URI). */
    static String jsonInside(String page) {
        var m = java.util.regex.Pattern.compile("href=\"data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(page);
        assertThat(m.find()).as("the JSON download").isTrue();
        return new String(java.util.Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    }
}
