package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Redaction;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When an access copy may be redacted and undone (art. 15(4), decision 0018), as RequestLifecycle decides. */
class RequestLifecycleRedactionTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private static DataSubjectRequest verified(RequestType type) {
        return RequestLifecycle.verifyByStaff(RequestLifecycle.receive(type, RequestChannel.LETTER, "a@example.fi",
                Optional.empty(), Optional.empty(), Language.FI, "staff", T0), "staff", "signed", T0);
    }

    private static Redaction redaction(String id, String item, Optional<String> passage) {
        return new Redaction(id, item, passage, "reason", "staff", T0);
    }

    @Test
    void aVerifiedAccessRequestTakesRedactionsInOrderAndUndoesOneByItsId() {
        DataSubjectRequest r = verified(RequestType.ACCESS);
        DataSubjectRequest one = RequestLifecycle.redact(r, redaction("rdn_1", "his_1", Optional.empty()));
        DataSubjectRequest two = RequestLifecycle.redact(one, redaction("rdn_2", "his_1", Optional.of("Bertta")));
        assertThat(two.redactions()).extracting(Redaction::redactionId).containsExactly("rdn_1", "rdn_2");
        assertThat(r.redactions()).as("a move makes a new request").isEmpty();
        assertThat(two.status()).isEqualTo(r.status());
        assertThat(two.events()).as("no event: the person's copy lists events").isEqualTo(r.events());
        DataSubjectRequest undone = RequestLifecycle.undoRedaction(two, "rdn_1");
        assertThat(undone.redactions()).extracting(Redaction::redactionId).containsExactly("rdn_2");
        assertThatThrownBy(() -> RequestLifecycle.undoRedaction(undone, "rdn_1"))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theSameThingTwiceIsRefusedButAnotherPassageOfTheSameItemIsNot() {
        DataSubjectRequest r = RequestLifecycle.redact(verified(RequestType.ACCESS),
                redaction("rdn_1", "his_1", Optional.of("Bertta")));
        assertThatThrownBy(() -> RequestLifecycle.redact(r, redaction("rdn_2", "his_1", Optional.of("Bertta"))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("rdn_1");
        assertThat(RequestLifecycle.redact(r, redaction("rdn_3", "his_1", Optional.of("Cecilia"))).redactions())
                .hasSize(2);
        assertThat(RequestLifecycle.redact(r, redaction("rdn_4", "his_1", Optional.empty())).redactions()).hasSize(2);
        assertThat(RequestLifecycle.redact(r, redaction("rdn_5", "his_2", Optional.of("Bertta"))).redactions())
                .hasSize(2);
    }

    @Test
    void atMostFiftyRedactionsFitOnARequest() {
        DataSubjectRequest r = verified(RequestType.ACCESS);
        for (int i = 0; i < RequestLifecycle.MAX_REDACTIONS; i++) {
            r = RequestLifecycle.redact(r, redaction("rdn_" + i, "his_" + i, Optional.empty()));
        }
        assertThat(r.redactions()).hasSize(50);
        DataSubjectRequest full = r;
        assertThatThrownBy(() -> RequestLifecycle.redact(full, redaction("rdn_x", "his_x", Optional.empty())))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("at most 50");
    }

    @Test
    void onlyAnAccessRequestIsRedacted() {
        for (RequestType type : new RequestType[] {RequestType.ERASURE, RequestType.RECTIFICATION,
                RequestType.RESTRICTION, RequestType.OBJECTION}) {
            assertThatThrownBy(() -> RequestLifecycle.redact(verified(type), redaction("rdn_1", "his_1",
                    Optional.empty()))).as(type.name()).isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Test
    void notBeforeVerificationNorOnceTheExportIsStoredNorAfterCompletionOrRejection() {
        DataSubjectRequest received = RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER, "a@example.fi",
                Optional.empty(), Optional.empty(), Language.FI, "staff", T0);
        assertThatThrownBy(() -> RequestLifecycle.redact(received, redaction("rdn_1", "his_1", Optional.empty())))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("verify it first");
        DataSubjectRequest redacted = RequestLifecycle.redact(verified(RequestType.ACCESS),
                redaction("rdn_1", "his_1", Optional.empty()));
        DataSubjectRequest stored = RequestLifecycle.exportStored(redacted, "exports/x.html", "staff", T0);
        assertThat(stored.redactions()).as("the stored export keeps its redactions").hasSize(1);
        assertThatThrownBy(() -> RequestLifecycle.redact(stored, redaction("rdn_2", "his_2", Optional.empty())))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already stored");
        assertThatThrownBy(() -> RequestLifecycle.undoRedaction(stored, "rdn_1"))
                .isInstanceOf(IllegalTransitionException.class);
        DataSubjectRequest completed = RequestLifecycle.completeWithExportLink(stored,
                VerificationToken.issue(stored.requestId()), "staff", "sent", T0);
        assertThat(completed.redactions()).hasSize(1);
        assertThatThrownBy(() -> RequestLifecycle.undoRedaction(completed, "rdn_1"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("COMPLETED")
                .hasMessageNotContaining("verify");
        DataSubjectRequest rejected = RequestLifecycle.reject(redacted, "no", "staff", T0);
        assertThatThrownBy(() -> RequestLifecycle.redact(rejected, redaction("rdn_2", "his_2", Optional.empty())))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void redactionsGoWithTheFreeTextWhenARequestIsMinimisedOrReducedToEvidence() {
        DataSubjectRequest redacted = RequestLifecycle.redact(verified(RequestType.ACCESS),
                redaction("rdn_1", "his_1", Optional.of("Bertta")));
        assertThat(redacted.minimised().redactions()).isEmpty();
        DataSubjectRequest rejected = RequestLifecycle.reject(redacted, "no", "staff", T0);
        assertThat(rejected.redactions()).hasSize(1);
        assertThat(rejected.reducedToEvidence("hash", T0).redactions()).isEmpty();
        assertThat(rejected.withType(RequestType.ACCESS).redactions()).hasSize(1);
    }
}
