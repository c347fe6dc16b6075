package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.ApiClient.Answer;
import fi.dentalsystems.register.local.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /public/exports/{token} on its own: a valid link answers the stored export once and spends
 * itself; every other link — used, expired, unknown, malformed, a verification token, a token of
 * a request of another type — gets the same 410 page, naming nothing.
 */
class ExportLinkTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** dynalite checks no IAM: after the class, every call made through it must be one PublicRequestsFunction's policy allows. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("PublicRequestsFunction");
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    /** The button of the link's page: POST to the link opens the export (and spends the link). */
    static Answer open(ApiClient api, String token) {
        return call(api, "POST", token);
    }

    /** The mailed link as a mail scanner or the person's browser first fetches it. */
    static Answer show(ApiClient api, String token) {
        return call(api, "GET", token);
    }

    private static Answer call(ApiClient api, String method, String token) {
        return api.call(method, "/public/exports/{token}", b -> {
            b.path("token", token).header("accept-language", "en");
            return method.equals("POST") ? b.rawBody("", false).header("content-type", "application/x-www-form-urlencoded")
                    : b;
        });
    }

    /** A completed ACCESS request of {@code email} with a live export link, and its stored export. */
    static VerificationToken completedAccess(RequestRepository requests, ExportStore store, String email, Instant at) {
        DataSubjectRequest verified = requests.create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(
                RequestType.ACCESS, RequestChannel.LETTER, email, Optional.of("Liisa Linkki"), Optional.empty(),
                Language.EN, "staff", at), "staff", "letter", at));
        String key = ExportStore.keyOf(verified.requestId());
        store.putIfAbsent(key, ("<html><body>Liisa Linkki " + email + "</body></html>").getBytes(StandardCharsets.UTF_8));
        VerificationToken token = VerificationToken.issue(verified.requestId());
        requests.update(RequestLifecycle.completeWithExportLink(requests.update(RequestLifecycle.exportStored(verified,
                key, "staff", at)), token, "staff", "done", at));
        return token;
    }

    @Test
    void aLinkOpensItsExportOnceAndEveryOtherLinkGetsTheSameRefusal(@TempDir Path dir) {
        var clock = new MovableClock(NOW);
        RequestRepository requests = ENGINE.register().requests();
        FolderExportStore store = new FolderExportStore(dir);
        ApiClient api = new ApiClient(new PublicRequestsHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()),
                ENGINE.tables(), clock, mail -> "sent",
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost", "EXPORT_FOLDER", dir.toString())))));

        VerificationToken token = completedAccess(requests, store, "liisa@example.fi", NOW);
        // a scanner's fetch, then the person's: a page with one button, nothing spent, no data shown
        for (int fetch = 0; fetch < 2; fetch++) {
            Answer ready = show(api, token.value());
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("Your data is ready").contains("<form method=\"post\"")
                    .doesNotContain("Liisa").doesNotContain("liisa@example.fi");
            assertThat(ready.headers()).containsEntry("cache-control", "no-store");
        }
        assertThat(requests.find(token.requestId()).orElseThrow().tokenHash()).as("a GET spends nothing").isPresent();
        Answer page = open(api, token.value());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Liisa Linkki");
        assertThat(page.headers()).containsEntry("cache-control", "no-store").containsEntry("referrer-policy", "no-referrer");
        assertThat(store.get(ExportStore.keyOf(token.requestId()))).as("served, then deleted").isEmpty();
        DataSubjectRequest spent = requests.find(token.requestId()).orElseThrow();
        assertThat(spent.tokenHash()).isEmpty();
        assertThat(spent.events()).extracting(e -> e.kind()).endsWith(RequestLifecycle.EXPORT_OPENED);

        Answer used = open(api, token.value());
        assertThat(used.status()).isEqualTo(410);
        assertThat(show(api, token.value())).as("a spent link's page refuses alike").isEqualTo(used);
        assertThat(used.body()).contains("This link is no longer valid").doesNotContain("Liisa")
                .doesNotContain("liisa@example.fi").doesNotContain(token.requestId());

        // expired: one second past seven days
        VerificationToken later = completedAccess(requests, store, "liisa@example.fi", NOW);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(open(api, later.value())).isEqualTo(used);
        assertThat(store.get(ExportStore.keyOf(later.requestId()))).as("an expired link deletes nothing").isPresent();

        // a wrong secret for a live request, a verification token, another type, unknown, malformed
        VerificationToken live = completedAccess(requests, store, "liisa@example.fi", clock.instant());
        VerificationToken pending = VerificationToken.issue("x");
        DataSubjectRequest awaiting = requests.create(RequestLifecycle.awaitVerification(RequestLifecycle.receive(
                RequestType.ACCESS, RequestChannel.WEB_FORM, "liisa@example.fi", Optional.empty(), Optional.empty(),
                Language.FI, "public", clock.instant()), pending, clock.instant()));
        VerificationToken verification = new VerificationToken(awaiting.requestId(), pending.secret());
        for (String other : new String[] {live.requestId() + "." + VerificationToken.issue("x").secret(),
                verification.value(), "req_01JDZZZZZZZZZZZZZZZZZZZZZZ." + live.secret(), "nonsense",
                "req_01JD.%3Cb%3E", "a".repeat(300)}) {
            assertThat(open(api, other)).as(other.length() > 40 ? "long" : other).isEqualTo(used);
            assertThat(show(api, other)).as(other.length() > 40 ? "long" : other).isEqualTo(used);
        }
        assertThat(open(api, live.value()).status()).as("the live link still works after all that").isEqualTo(200);
    }
}
