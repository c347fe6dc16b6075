package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestLifecycle.ExportLinkOutcome;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RequestLifecycle's ACCESS export moves, classification, re-issued links, notes and the outcome
 * kept as evidence, in core (issue 15: these were covered only from other modules' tests).
 */
class RequestLifecycleExportAndOutcomeTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private static DataSubjectRequest received(RequestType type) {
        return RequestLifecycle.receive(type, RequestChannel.EMAIL, "a@example.fi", Optional.empty(), Optional.empty(),
                Language.FI, "intake", T0);
    }

    private static DataSubjectRequest verified(RequestType type) {
        return RequestLifecycle.verifyByStaff(received(type), "staff", "signed", T0);
    }

    @Test
    void anAccessExportIsStoredThenCompletedWithASevenDayLinkThatOpensOnceAndOnlyThen() {
        DataSubjectRequest stored = RequestLifecycle.exportStored(verified(RequestType.ACCESS), "exports/k.html",
                "staff-1", T0);
        assertThat(stored.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        RequestEvent last = stored.events().get(stored.events().size() - 1);
        assertThat(last).isEqualTo(new RequestEvent(T0, RequestLifecycle.EXPORT_STORED, "staff-1",
                Optional.of("exports/k.html")));
        assertThat(RequestLifecycle.exportStored(stored, "exports/k.html", "staff-1", T0).status())
                .as("stored again (a rebuilt export) stays in progress").isEqualTo(RequestStatus.IN_PROGRESS);

        VerificationToken token = VerificationToken.issue(stored.requestId());
        Instant later = T0.plus(Duration.ofHours(1));
        DataSubjectRequest completed = RequestLifecycle.completeWithExportLink(stored, token, "staff-1", "sent", later);
        assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(completed.tokenHash()).hasValue(token.hash());
        assertThat(completed.tokenExpiresAt()).hasValue(later.plus(RequestLifecycle.EXPORT_LINK_LIFETIME));
        assertThat(completed.events()).extracting(RequestEvent::kind).endsWith("COMPLETED",
                RequestLifecycle.EXPORT_LINK_ISSUED);
        assertThat(completed.events().get(completed.events().size() - 1).actor()).isEqualTo("system");

        Instant expiry = later.plus(RequestLifecycle.EXPORT_LINK_LIFETIME);
        assertThat(RequestLifecycle.checkExportLink(completed, token, expiry)).as("to the last instant")
                .isEqualTo(ExportLinkOutcome.OPEN);
        assertThat(RequestLifecycle.checkExportLink(completed, token, expiry.plusNanos(1)))
                .isEqualTo(ExportLinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkExportLink(completed, VerificationToken.issue(stored.requestId()), later))
                .as("another secret").isEqualTo(ExportLinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkExportLink(stored, token, later)).as("not completed yet")
                .isEqualTo(ExportLinkOutcome.REFUSED);

        DataSubjectRequest opened = RequestLifecycle.exportOpened(completed, later);
        assertThat(opened.tokenHash()).isEmpty();
        assertThat(opened.tokenExpiresAt()).isEmpty();
        assertThat(opened.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(opened.events().get(opened.events().size() - 1).kind()).isEqualTo(RequestLifecycle.EXPORT_OPENED);
        assertThat(RequestLifecycle.checkExportLink(opened, token, later)).as("single use")
                .isEqualTo(ExportLinkOutcome.REFUSED);
    }

    @Test
    void anExportLinkOfAnotherTypeOrWithoutAHashNeverOpens() {
        DataSubjectRequest erasure = RequestLifecycle.complete(verified(RequestType.ERASURE), "staff", "done", T0);
        VerificationToken token = VerificationToken.issue(erasure.requestId());
        assertThat(RequestLifecycle.checkExportLink(erasure, token, T0)).isEqualTo(ExportLinkOutcome.REFUSED);
        DataSubjectRequest completed = RequestLifecycle.completeWithExportLink(
                RequestLifecycle.exportStored(verified(RequestType.ACCESS), "k", "s", T0), token, "s", "n", T0);
        DataSubjectRequest opened = RequestLifecycle.exportOpened(completed, T0);
        assertThat(RequestLifecycle.checkExportLink(opened, token, T0)).isEqualTo(ExportLinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkExportLink(completed.withType(RequestType.ERASURE), token, T0))
                .isEqualTo(ExportLinkOutcome.REFUSED);
    }

    @Test
    void exportMovesAreForAccessRequestsInTheirStatesOnly() {
        DataSubjectRequest erasure = verified(RequestType.ERASURE);
        VerificationToken token = VerificationToken.issue(erasure.requestId());
        assertThatThrownBy(() -> RequestLifecycle.exportStored(erasure, "k", "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("ACCESS");
        assertThatThrownBy(() -> RequestLifecycle.completeWithExportLink(erasure, token, "s", "n", T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.exportOpened(erasure, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.reissueExportLink(erasure, token, T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.exportStored(received(RequestType.ACCESS), "k", "s", T0))
                .as("not before verification").isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.reissueExportLink(verified(RequestType.ACCESS), token, T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("completed");
        assertThatThrownBy(() -> RequestLifecycle.answerSent(verified(RequestType.ACCESS), T0))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aCompletedAccessRequestGetsAFreshLinkThatReplacesTheOld() {
        DataSubjectRequest completed = RequestLifecycle.completeWithExportLink(
                RequestLifecycle.exportStored(verified(RequestType.ACCESS), "k", "s", T0),
                VerificationToken.issue("req_x"), "s", "n", T0);
        VerificationToken fresh = VerificationToken.issue(completed.requestId());
        Instant later = T0.plus(Duration.ofDays(2));
        DataSubjectRequest reissued = RequestLifecycle.reissueExportLink(completed, fresh, later);
        assertThat(reissued.tokenHash()).hasValue(fresh.hash());
        assertThat(reissued.tokenExpiresAt()).hasValue(later.plus(Duration.ofDays(7)));
        assertThat(reissued.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(reissued.events().size()).isEqualTo(completed.events().size() + 1);
        DataSubjectRequest answered = RequestLifecycle.answerSent(reissued, later);
        assertThat(answered.tokenHash()).as("the answer keeps the link").hasValue(fresh.hash());
        assertThat(answered.tokenExpiresAt()).isEqualTo(reissued.tokenExpiresAt());
        assertThat(RequestLifecycle.answered(answered)).isTrue();
        assertThat(RequestLifecycle.answered(reissued)).isFalse();
    }

    @Test
    void aCompletedRequestOfAnotherTypeGetsNoExportLink() {
        DataSubjectRequest erasure = RequestLifecycle.complete(verified(RequestType.ERASURE), "staff", "done", T0);
        VerificationToken token = VerificationToken.issue(erasure.requestId());
        assertThatThrownBy(() -> RequestLifecycle.reissueExportLink(erasure, token, T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("Only an ACCESS request has an export.");
        assertThat(erasure.tokenHash()).as("nothing a link could open").isEmpty();
    }

    @Test
    void aDuplicateRejectionKeepsItsOutcomeWhenLaterEventsFollowIt() {
        DataSubjectRequest original = verified(RequestType.ACCESS);
        DataSubjectRequest asDuplicate = RequestLifecycle.reject(received(RequestType.ACCESS)
                .duplicateOf(original.requestId()), RequestLifecycle.DUPLICATE_REASON + original.requestId(), "s", T0);
        // the rejection mail bounced afterwards (MailFeedback records it as an event with a note)
        DataSubjectRequest bounced = RequestLifecycle.note(asDuplicate, "MAIL_BOUNCED", "ses",
                "rejection mail; bounced; feedback f-1", T0.plus(Duration.ofMinutes(5)));
        assertThat(RequestLifecycle.outcome(bounced)).as("the rejection's reason, not the latest event's note")
                .isEqualTo("REJECTED: duplicate of " + original.requestId());
    }

    @Test
    void anUnclassifiedOpenRequestIsClassifiedOnceToAConcreteType() {
        DataSubjectRequest mail = received(RequestType.UNCLASSIFIED);
        DataSubjectRequest classified = RequestLifecycle.classify(mail, RequestType.ERASURE, "staff-2", T0);
        assertThat(classified.type()).isEqualTo(RequestType.ERASURE);
        assertThat(classified.status()).isEqualTo(mail.status());
        RequestEvent last = classified.events().get(classified.events().size() - 1);
        assertThat(last).isEqualTo(new RequestEvent(T0, "CLASSIFIED", "staff-2", Optional.of("ERASURE")));
        assertThatThrownBy(() -> RequestLifecycle.classify(classified, RequestType.ACCESS, "s", T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.classify(mail, RequestType.UNCLASSIFIED, "s", T0))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(IllegalTransitionException.class);
        DataSubjectRequest rejected = RequestLifecycle.reject(mail, "no", "s", T0);
        assertThatThrownBy(() -> RequestLifecycle.classify(rejected, RequestType.ACCESS, "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void aReissuedVerificationLinkReplacesTheHashAndOnlyWhileAwaitingVerification() {
        VerificationToken first = VerificationToken.issue("req_a");
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(received(RequestType.ACCESS), first, T0);
        VerificationToken second = VerificationToken.issue("req_a");
        Instant later = T0.plus(Duration.ofHours(5));
        DataSubjectRequest again = RequestLifecycle.reissueVerification(awaiting, second, later);
        assertThat(again.tokenHash()).hasValue(second.hash());
        assertThat(again.tokenExpiresAt()).hasValue(later.plus(VerificationToken.LIFETIME));
        assertThat(again.events().get(again.events().size() - 1)).isEqualTo(new RequestEvent(later,
                RequestLifecycle.VERIFICATION_SENT, "system", Optional.of("link issued again")));
        assertThat(RequestLifecycle.lastLinkSentAt(again)).hasValue(later);
        assertThatThrownBy(() -> RequestLifecycle.reissueVerification(verified(RequestType.ACCESS), second, T0))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void theLastLinkIsTheLatestVerificationOrReminderMailAndNothingElse() {
        DataSubjectRequest plain = received(RequestType.ACCESS);
        assertThat(RequestLifecycle.lastLinkSentAt(plain)).as("RECEIVED is no link").isEmpty();
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(plain, VerificationToken.issue("r"), T0);
        Instant reminded = T0.plus(Duration.ofDays(1));
        DataSubjectRequest withReminder = RequestLifecycle.remind(awaiting, VerificationToken.issue("r"), reminded);
        DataSubjectRequest noted = RequestLifecycle.note(withReminder, "NOTE", "staff", "a later note",
                reminded.plus(Duration.ofDays(1)));
        assertThat(RequestLifecycle.lastLinkSentAt(noted)).hasValue(reminded);
        assertThat(RequestLifecycle.lastLinkSentAt(awaiting)).hasValue(T0);
    }

    @Test
    void anAbandonedRequestEndsUnverifiedWithoutItsTokenAndOnlyFromAwaitingVerification() {
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(received(RequestType.ACCESS),
                VerificationToken.issue("r"), T0);
        DataSubjectRequest abandoned = RequestLifecycle.abandon(awaiting, T0.plus(Duration.ofDays(9)));
        assertThat(abandoned.status()).isEqualTo(RequestStatus.UNVERIFIED);
        assertThat(abandoned.tokenHash()).isEmpty();
        assertThat(abandoned.tokenExpiresAt()).isEmpty();
        assertThat(abandoned.events().get(abandoned.events().size() - 1).kind()).isEqualTo(RequestLifecycle.UNVERIFIED);
        assertThatThrownBy(() -> RequestLifecycle.abandon(verified(RequestType.ACCESS), T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.complete(received(RequestType.ERASURE), "s", "n", T0))
                .as("not completed unverified").isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aNoteAddsAnEventAndChangesNothingElse() {
        DataSubjectRequest r = verified(RequestType.RESTRICTION);
        DataSubjectRequest noted = RequestLifecycle.note(r, "LIFTED", "staff-3", "reason given", T0);
        assertThat(noted.events()).hasSize(r.events().size() + 1);
        assertThat(noted.events().get(noted.events().size() - 1)).isEqualTo(new RequestEvent(T0, "LIFTED", "staff-3",
                Optional.of("reason given")));
        assertThat(noted.status()).isEqualTo(r.status());
        assertThat(noted.verifiedAt()).isEqualTo(r.verifiedAt());
        assertThat(RequestLifecycle.hasEvent(noted, "LIFTED")).isTrue();
        assertThat(RequestLifecycle.hasEvent(r, "LIFTED")).isFalse();
    }

    @Test
    void theOutcomeSaysHowItClosedInTheRegistersOwnWords() {
        DataSubjectRequest completed = RequestLifecycle.complete(verified(RequestType.ERASURE), "s",
                "contacts deleted", T0);
        assertThat(RequestLifecycle.outcome(completed)).isEqualTo("COMPLETED: contacts deleted");
        assertThat(RequestLifecycle.outcome(RequestLifecycle.answerSent(completed, T0)))
                .isEqualTo("COMPLETED: contacts deleted; answered");
        DataSubjectRequest noted = RequestLifecycle.note(completed, "LIFTED", "s", "later", T0);
        assertThat(RequestLifecycle.outcome(noted)).as("the completion's note, not a later one")
                .isEqualTo("COMPLETED: contacts deleted");

        DataSubjectRequest original = verified(RequestType.ACCESS);
        DataSubjectRequest duplicate = received(RequestType.ACCESS).duplicateOf(original.requestId());
        DataSubjectRequest asDuplicate = RequestLifecycle.reject(duplicate,
                RequestLifecycle.DUPLICATE_REASON + original.requestId(), "s", T0);
        assertThat(RequestLifecycle.outcome(asDuplicate)).isEqualTo("REJECTED: duplicate of " + original.requestId());
        DataSubjectRequest otherwise = RequestLifecycle.reject(duplicate, "not identified", "s", T0);
        assertThat(RequestLifecycle.outcome(otherwise)).as("a staff reason is never the outcome")
                .isEqualTo("REJECTED");
        assertThat(RequestLifecycle.outcome(RequestLifecycle.reject(received(RequestType.ACCESS), "x", "s", T0)))
                .isEqualTo("REJECTED");

        DataSubjectRequest grouped = RequestLifecycle.completeWithGroup(received(RequestType.ACCESS),
                original.requestId(), "system", T0);
        assertThat(RequestLifecycle.answeredWithGroup(grouped)).isTrue();
        assertThat(RequestLifecycle.answered(grouped)).isTrue();
        assertThat(RequestLifecycle.answeredWithGroup(completed)).isFalse();
        assertThat(RequestLifecycle.outcome(grouped)).endsWith("; answered")
                .contains("completed with " + original.requestId());
        DataSubjectRequest abandoned = RequestLifecycle.abandon(RequestLifecycle.awaitVerification(
                received(RequestType.ACCESS), VerificationToken.issue("r"), T0), T0);
        assertThat(RequestLifecycle.outcome(abandoned)).isEqualTo("UNVERIFIED");
    }

    @Test
    void aMailedRequestTakesItsDeterministicIdAndIntakeFacts() {
        DataSubjectRequest r = received(RequestType.UNCLASSIFIED);
        DataSubjectRequest mailed = RequestLifecycle.fromMail(r, "req_01JD7QB2C3D4E5F6G7H8J9K0M1",
                Map.of("messageId", "m-1"));
        assertThat(mailed.requestId()).isEqualTo("req_01JD7QB2C3D4E5F6G7H8J9K0M1");
        assertThat(mailed.intake()).containsEntry("messageId", "m-1");
        assertThat(mailed.events()).isEqualTo(r.events());
    }
}
