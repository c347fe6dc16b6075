package fi.dentalsystems.register.requests;

import com.fasterxml.jackson.databind.JsonNode;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paper original of a LETTER request (seed §9: manual material is kept locked and shredded;
 * issue 15): where it is kept — on registration or later — and that it was shredded, against the
 * real engine; the place is free text guarded like all free text.
 */
class LetterOriginalTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    static ApiClient api;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(new RequestsApiHandler(ENGINE.setup(CLOCK, mail -> "sent",
                Map.of("PUBLIC_BASE_URL", "https://register.example"))));
    }

    private static ApiClient.Answer register(String extra) {
        return api.asStaff("POST", "/requests", b -> b.json("{\"type\": \"ACCESS\", \"channel\": \"LETTER\", "
                + "\"email\": \"kirje@example.fi\"" + extra + "}"));
    }

    private static ApiClient.Answer patch(String id, String json) {
        return api.asStaff("PATCH", "/requests/{requestId}/letter", b -> b.path("requestId", id).json(json));
    }

    private static ApiClient.Answer destroyed(String id) {
        return api.asStaff("POST", "/requests/{requestId}/letter/destroyed", b -> b.path("requestId", id));
    }

    @Test
    void aLetterIsRegisteredWithItsPlaceMovedAndShreddedOnce() {
        ApiClient.Answer created = register(", \"letterLocation\": \"Helsinki office, locked cabinet 2\"");
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("requestId");
        assertThat(created.json().path("letter").path("location").asText()).isEqualTo("Helsinki office, locked cabinet 2");
        assertThat(created.json().path("letter").path("awaitsShredding").asBoolean()).isFalse();

        CLOCK.advance(Duration.ofMinutes(1));
        ApiClient.Answer moved = patch(id, "{\"location\": \"Archive room B, shelf 4\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("letter").path("location").asText()).isEqualTo("Archive room B, shelf 4");
        assertThat(kinds(moved.json())).containsSubsequence("RECEIVED", "LETTER_KEPT", "LETTER_KEPT");

        CLOCK.advance(Duration.ofMinutes(1));
        ApiClient.Answer shredded = destroyed(id);
        assertThat(shredded.status()).isEqualTo(200);
        assertThat(Instant.parse(shredded.json().path("letter").path("destroyedAt").asText())).isEqualTo(CLOCK.instant());
        assertThat(shredded.json().path("events").get(shredded.json().path("events").size() - 1).path("actor").asText())
                .isEqualTo("staff-user-1");

        // a retried POST records nothing more; the letter is kept nowhere now
        CLOCK.advance(Duration.ofMinutes(1));
        ApiClient.Answer again = destroyed(id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("version").asLong()).isEqualTo(shredded.json().path("version").asLong());
        assertThat(again.json().path("letter").path("destroyedAt")).isEqualTo(shredded.json().path("letter").path("destroyedAt"));
        assertThat(patch(id, "{\"location\": \"Back in cabinet 2\"}").status()).isEqualTo(409);
    }

    @Test
    void thePlaceIsGuardedFreeTextOnOneLineAndOnlyALetterHasOne() {
        ApiClient.Answer identityCode = register(", \"letterLocation\": \"Folder of 131052-308T\"");
        assertThat(identityCode.status()).isEqualTo(400);
        assertThat(identityCode.body()).contains("letterLocation").doesNotContain("131052-308T");
        assertThat(register(", \"letterLocation\": \"Cabinet 2\\nfolder 7\"").status()).isEqualTo(400);
        assertThat(register(", \"letterLocation\": \"   \"").status()).isEqualTo(400);
        assertThat(register(", \"letterLocation\": \"" + "x".repeat(201) + "\"").status()).isEqualTo(400);
        ApiClient.Answer byMail = api.asStaff("POST", "/requests", b -> b.json("{\"type\": \"ACCESS\", \"channel\": "
                + "\"EMAIL\", \"email\": \"mail@example.fi\", \"letterLocation\": \"Cabinet 2\"}"));
        assertThat(byMail.status()).isEqualTo(400);
        assertThat(byMail.body()).contains("only a LETTER request has a paper original");

        String id = register("").text("requestId");
        ApiClient.Answer card = patch(id, "{\"location\": \"Envelope 4111 1111 1111 1111\"}");
        assertThat(card.status()).isEqualTo(400);
        assertThat(card.body()).doesNotContain("4111");
        assertThat(patch(id, "{}").status()).isEqualTo(400);
        assertThat(patch(id, "{\"location\": \"Cabinet 2\", \"shredded\": true}").status()).isEqualTo(400);
        assertThat(patch("req_01JZZZZZZZZZZZZZZZZZZZZZZZ", "{\"location\": \"Cabinet 2\"}").status()).isEqualTo(404);
    }

    @Test
    void aRequestThatDidNotComeByLetterHasNoOriginalToKeepOrShred() {
        String id = api.asStaff("POST", "/requests", b -> b.json("{\"type\": \"ACCESS\", \"channel\": \"EMAIL\", "
                + "\"email\": \"forwarded@example.fi\"}")).text("requestId");
        ApiClient.Answer kept = patch(id, "{\"location\": \"Cabinet 2\"}");
        assertThat(kept.status()).isEqualTo(409);
        assertThat(kept.json().path("detail").asText()).contains("LETTER");
        assertThat(destroyed(id).status()).isEqualTo(409);
        assertThat(api.asStaff("GET", "/requests/{requestId}", b -> b.path("requestId", id)).json().has("letter")).isFalse();
    }

    @Test
    void theLettersPlaceOutlivesTheReductionToEvidenceWhileOtherNotesGo() {
        DataSubjectRequest letter = RequestLifecycle.letterKept(Requests.aLetter(RequestType.ACCESS, "a@example.fi"),
                "Cabinet 2", "staff", Instant.parse("2026-11-24T10:00:00Z"));
        DataSubjectRequest closed = RequestLifecycle.reject(Requests.verified(letter), "not identified", "staff",
                Instant.parse("2026-11-25T10:00:00Z"));

        DataSubjectRequest evidence = closed.reducedToEvidence("hmac:x", Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(RequestLifecycle.letterLocation(evidence)).hasValue("Cabinet 2");
        assertThat(evidence.events()).filteredOn(e -> !e.kind().equals(RequestLifecycle.LETTER_KEPT))
                .allSatisfy(e -> assertThat(e.note()).isEmpty());
        assertThat(RequestLifecycle.letterAwaitsShredding(evidence, Instant.parse("2026-12-24T10:00:00Z"))).isFalse();
        assertThat(RequestLifecycle.letterAwaitsShredding(evidence, Instant.parse("2026-12-25T10:00:01Z"))).isTrue();
    }

    private static java.util.List<String> kinds(JsonNode request) {
        return request.path("events").findValuesAsText("kind");
    }
}
