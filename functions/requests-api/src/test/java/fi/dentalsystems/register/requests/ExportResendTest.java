package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh export link (issue 15), against the real engine: the old link dies, the new one opens, the
 * export is rebuilt when older than a day or already served, every resend is audited, and past the
 * limit the answer is a 409 problem that changes nothing.
 */
class ExportResendTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private record World(Register register, MovableClock clock, ApiClient api, List<Mail> sent, ExportStore store,
                         Path exports) {
        DataSubjectRequest request(String id) {
            return register.requests().find(id).orElseThrow();
        }

        ApiClient.Answer resend(String id) {
            return api.asStaff("POST", "/requests/{requestId}/export/resend", b -> b.path("requestId", id));
        }

        long stored(String id) {
            return request(id).events().stream().filter(e -> e.kind().equals(RequestLifecycle.EXPORT_STORED)).count();
        }
    }

    private static World world(Path dir) {
        Register register = ENGINE.register();
        MovableClock clock = new MovableClock(START);
        List<Mail> sent = new ArrayList<>();
        Path exports = dir.resolve("exports");
        ExportStore store = new FolderExportStore(exports);
        ApiClient api = new ApiClient(new RequestsApiHandler(ENGINE.setup(clock, mail -> {
            sent.add(mail);
            return "sent-" + sent.size();
        }, Map.of("PUBLIC_BASE_URL", "https://register.example")), store));
        return new World(register, clock, api, sent, store, exports);
    }

    /** An answered ACCESS request of a person with one contact record. */
    private static String answeredAccess(World w, String email) {
        Customer clinic = w.register().customers().create(Customers.aCustomer());
        Contact person = w.register().contacts().create(Customers.aContact(clinic, email));
        assertThat(person.contactId()).isNotBlank();
        DataSubjectRequest verified = w.register().requests().create(Requests.aVerifiedRequest(RequestType.ACCESS, email));
        ApiClient.Answer completed = w.api().asStaff("POST", "/requests/{requestId}/complete",
                b -> b.path("requestId", verified.requestId()));
        assertThat(completed.status()).isEqualTo(200);
        return verified.requestId();
    }

    private static VerificationToken linkOf(Mail mail) {
        Matcher m = Pattern.compile("https://register\\.example/public/exports/(\\S+)").matcher(mail.text());
        assertThat(m.find()).as("a link in " + mail.subject()).isTrue();
        return VerificationToken.parse(m.group(1)).orElseThrow();
    }

    private static RequestLifecycle.ExportLinkOutcome check(World w, String id, VerificationToken t) {
        return RequestLifecycle.checkExportLink(w.request(id), t, w.clock().instant());
    }

    @Test
    void aLapsedLinkIsReplacedByAFreshOneAndTheExportIsBuiltAgainFromTodaysRecords(@TempDir Path dir) {
        World w = world(dir);
        String id = answeredAccess(w, "lapsed@example.fi");
        VerificationToken first = linkOf(w.sent().get(0));
        w.clock().advance(Duration.ofDays(8));
        assertThat(check(w, id, first)).isEqualTo(RequestLifecycle.ExportLinkOutcome.REFUSED);

        ApiClient.Answer resent = w.resend(id);

        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().path("exportLink").path("linkActive").asBoolean()).isTrue();
        assertThat(resent.json().path("exportLink").path("resendsLeft").asInt()).isEqualTo(2);
        assertThat(w.sent()).hasSize(2);
        Mail mail = w.sent().get(1);
        assertThat(mail.to()).isEqualTo("lapsed@example.fi");
        assertThat(mail.subject()).isEqualTo("Uusi linkki tietoihisi");
        assertThat(mail.text()).contains("Aiempi linkki ei enää toimi").contains("Suomen aikaa")
                .doesNotContain("Klinikka").doesNotContain("Aino Testi");
        VerificationToken second = linkOf(mail);
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(check(w, id, second)).isEqualTo(RequestLifecycle.ExportLinkOutcome.OPEN);
        assertThat(check(w, id, first)).isEqualTo(RequestLifecycle.ExportLinkOutcome.REFUSED);
        // stored 8 days ago, past the bucket's lifecycle: built again before the link went
        assertThat(w.stored(id)).isEqualTo(2);
        assertThat(w.store().get(ExportStore.keyOf(id))).isPresent();
        assertThat(w.request(id).events()).extracting(e -> e.kind()).contains(RequestLifecycle.EXPORT_RESENT)
                .endsWith(RequestLifecycle.EXPORT_STORED, RequestLifecycle.EXPORT_RESENT,
                        RequestLifecycle.EXPORT_LINK_ISSUED);
        assertThat(auditActionsOn(w, id)).as("the resend is audited as an update, the rebuild as a read")
                .contains("UPDATE", "READ");
    }

    @Test
    void aLinkSpentByMistakeGetsAFreshOneWhoseExportIsBuiltAgainSinceTheServedOneIsGone(@TempDir Path dir)
            throws Exception {
        World w = world(dir);
        String id = answeredAccess(w, "spent@example.fi");
        // the person opened it (the public function spends the link and deletes the export)
        w.register().requests().update(RequestLifecycle.exportOpened(w.request(id), w.clock().instant()));
        w.store().delete(ExportStore.keyOf(id));
        w.clock().advance(Duration.ofHours(2));

        assertThat(w.resend(id).status()).isEqualTo(200);

        assertThat(w.stored(id)).as("served, so built again though only two hours old").isEqualTo(2);
        assertThat(w.store().get(ExportStore.keyOf(id))).isPresent();
        assertThat(check(w, id, linkOf(w.sent().get(1)))).isEqualTo(RequestLifecycle.ExportLinkOutcome.OPEN);
        try (var files = Files.list(w.exports().resolve("exports"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void anUnopenedExportOfToDayIsNotBuiltAgainButItsLinkIsReplaced(@TempDir Path dir) {
        World w = world(dir);
        String id = answeredAccess(w, "fresh@example.fi");
        VerificationToken first = linkOf(w.sent().get(0));
        w.clock().advance(Duration.ofHours(3));

        assertThat(w.resend(id).status()).isEqualTo(200);

        assertThat(w.stored(id)).isEqualTo(1);
        assertThat(check(w, id, first)).as("the old link is dead at once").isEqualTo(RequestLifecycle.ExportLinkOutcome.REFUSED);
        assertThat(check(w, id, linkOf(w.sent().get(1)))).isEqualTo(RequestLifecycle.ExportLinkOutcome.OPEN);
    }

    @Test
    void beyondThreeResendsTheAnswerIsAConflictProblemAndNothingChanges(@TempDir Path dir) {
        World w = world(dir);
        String id = answeredAccess(w, "often@example.fi");
        for (int i = 0; i < RequestLifecycle.EXPORT_RESENDS; i++) {
            w.clock().advance(Duration.ofMinutes(5));
            assertThat(w.resend(id).status()).as("resend " + (i + 1)).isEqualTo(200);
        }
        DataSubjectRequest before = w.request(id);
        int mails = w.sent().size();

        ApiClient.Answer refused = w.resend(id);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
        assertThat(refused.json().path("type").asText()).endsWith("/conflict");
        assertThat(refused.json().path("detail").asText()).contains("3 times").doesNotContain("often@");
        assertThat(w.request(id)).isEqualTo(before);
        assertThat(w.sent()).hasSize(mails);
        assertThat(before.tokenHash()).isPresent();
    }

    @Test
    void onlyAnAnsweredAccessRequestGetsAFreshLink(@TempDir Path dir) {
        World w = world(dir);
        DataSubjectRequest verifiedOnly = w.register().requests().create(
                Requests.aVerifiedRequest(RequestType.ACCESS, "notyet@example.fi"));
        DataSubjectRequest erasure = w.register().requests().create(
                Requests.aVerifiedRequest(RequestType.ERASURE, "erase@example.fi"));

        assertThat(w.resend(verifiedOnly.requestId()).status()).isEqualTo(409);
        assertThat(w.resend(erasure.requestId()).status()).isEqualTo(409);
        assertThat(w.resend("req_01JZZZZZZZZZZZZZZZZZZZZZZZ").status()).isEqualTo(404);
        assertThat(w.api().asStaff("POST", "/requests/{requestId}/export/resend", b -> b
                .path("requestId", verifiedOnly.requestId()).json("{\"force\": true}")).status()).isEqualTo(400);
        assertThat(w.sent()).isEmpty();
    }

    private static List<String> auditActionsOn(World w, String id) {
        var table = ENGINE.tableNamesByLogicalId().get("AuditTable");
        return ENGINE.client().scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(i -> i.containsKey("targetId") && i.get("targetId").s().contains(id))
                .map(i -> i.containsKey("action") ? i.get("action").s() : "").toList();
    }
}
