package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 15's lapsed and re-sent export links and the paper letter's original (seed §9), in core:
 * these moves came with the follow-up and were covered only from other modules' tests.
 */
class RequestLifecycleResendAndLetterTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private static DataSubjectRequest received(RequestType type, RequestChannel channel) {
        return RequestLifecycle.receive(type, channel, "a@example.fi", Optional.empty(), Optional.empty(),
                Language.FI, "intake", T0);
    }

    private static DataSubjectRequest verified(RequestType type, RequestChannel channel) {
        return RequestLifecycle.verifyByStaff(received(type, channel), "staff", "signed", T0);
    }

    private static DataSubjectRequest completedAccess(VerificationToken token) {
        return RequestLifecycle.completeWithExportLink(RequestLifecycle.exportStored(
                verified(RequestType.ACCESS, RequestChannel.EMAIL), "k", "s", T0), token, "s", "n", T0);
    }

    private static RequestEvent last(DataSubjectRequest r) {
        return r.events().get(r.events().size() - 1);
    }

    @Test
    void anExportLinkLapsesOnlyAfterItsExpiryWhileUnopenedOnACompletedAccessRequest() {
        DataSubjectRequest completed = completedAccess(VerificationToken.issue("r"));
        Instant expiry = T0.plus(RequestLifecycle.EXPORT_LINK_LIFETIME);
        assertThat(RequestLifecycle.exportLinkLapsed(completed, expiry)).as("at the last instant").isFalse();
        assertThat(RequestLifecycle.exportLinkLapsed(completed, expiry.plusNanos(1))).isTrue();
        assertThat(RequestLifecycle.exportLinkLapsed(RequestLifecycle.exportOpened(completed, T0), expiry.plusSeconds(1)))
                .as("opened: no hash").isFalse();
        assertThat(RequestLifecycle.exportLinkLapsed(completed.withType(RequestType.ERASURE), expiry.plusSeconds(1)))
                .as("not ACCESS").isFalse();
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(received(RequestType.ACCESS,
                RequestChannel.EMAIL), VerificationToken.issue("r"), T0);
        assertThat(RequestLifecycle.exportLinkLapsed(awaiting, T0.plus(Duration.ofDays(30))))
                .as("a verification link is no export link").isFalse();
    }

    @Test
    void aLapsedLinkIsRecordedAndItsHashGoesButOnlyOnceLapsed() {
        DataSubjectRequest completed = completedAccess(VerificationToken.issue("r"));
        Instant late = T0.plus(RequestLifecycle.EXPORT_LINK_LIFETIME).plusSeconds(1);
        DataSubjectRequest expired = RequestLifecycle.exportExpired(completed, late);
        assertThat(expired.tokenHash()).isEmpty();
        assertThat(expired.tokenExpiresAt()).isEmpty();
        assertThat(last(expired)).isEqualTo(new RequestEvent(late, RequestLifecycle.EXPORT_EXPIRED, "system",
                Optional.empty()));
        assertThatThrownBy(() -> RequestLifecycle.exportExpired(completed, T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> RequestLifecycle.exportExpired(expired, late))
                .as("recorded once").isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void staffSendAFreshLinkAfterTheAnswerAtMostThreeTimes() {
        DataSubjectRequest answered = RequestLifecycle.answerSent(completedAccess(VerificationToken.issue("r")), T0);
        DataSubjectRequest r = answered;
        for (int i = 1; i <= RequestLifecycle.EXPORT_RESENDS; i++) {
            VerificationToken fresh = VerificationToken.issue(r.requestId());
            Instant at = T0.plus(Duration.ofDays(i));
            r = RequestLifecycle.resendExportLink(r, fresh, "staff-1", at);
            assertThat(r.tokenHash()).hasValue(fresh.hash());
            assertThat(r.tokenExpiresAt()).hasValue(at.plus(RequestLifecycle.EXPORT_LINK_LIFETIME));
            assertThat(RequestLifecycle.exportResends(r)).isEqualTo(i);
            assertThat(r.events().get(r.events().size() - 2)).isEqualTo(new RequestEvent(at,
                    RequestLifecycle.EXPORT_RESENT, "staff-1", Optional.empty()));
        }
        assertThat(RequestLifecycle.exportResends(answered)).isZero();
        DataSubjectRequest thrice = r;
        assertThatThrownBy(() -> RequestLifecycle.resendExportLink(thrice, VerificationToken.issue("r"), "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("3 times");
    }

    @Test
    void aFreshLinkIsOnlyForAnAnsweredCompletedAccessRequest() {
        VerificationToken token = VerificationToken.issue("r");
        assertThatThrownBy(() -> RequestLifecycle.resendExportLink(completedAccess(token), token, "s", T0))
                .as("the answer has not gone").isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("not been mailed");
        assertThatThrownBy(() -> RequestLifecycle.resendExportLink(RequestLifecycle.exportStored(
                verified(RequestType.ACCESS, RequestChannel.EMAIL), "k", "s", T0), token, "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("IN_PROGRESS request is not completed");
        DataSubjectRequest erasure = RequestLifecycle.answerSent(RequestLifecycle.complete(
                verified(RequestType.ERASURE, RequestChannel.EMAIL), "s", "done", T0), T0);
        assertThatThrownBy(() -> RequestLifecycle.resendExportLink(erasure, token, "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("Only an ACCESS request has an export.");
    }

    @Test
    void aLettersOriginalIsKeptAtItsLatestPlaceUntilShreddedOnce() {
        DataSubjectRequest letter = verified(RequestType.ACCESS, RequestChannel.LETTER);
        assertThat(RequestLifecycle.letterLocation(letter)).isEmpty();
        assertThat(RequestLifecycle.letterDestroyedAt(letter)).isEmpty();
        DataSubjectRequest kept = RequestLifecycle.letterKept(letter, "cabinet A", "staff-1", T0);
        DataSubjectRequest moved = RequestLifecycle.letterKept(RequestLifecycle.note(kept, "NOTE", "s", "other", T0),
                "cabinet B", "staff-2", T0.plusSeconds(60));
        assertThat(RequestLifecycle.letterLocation(kept)).hasValue("cabinet A");
        assertThat(RequestLifecycle.letterLocation(moved)).as("the latest place").hasValue("cabinet B");
        assertThat(last(moved)).isEqualTo(new RequestEvent(T0.plusSeconds(60), RequestLifecycle.LETTER_KEPT,
                "staff-2", Optional.of("cabinet B")));

        Instant shredded = T0.plus(Duration.ofDays(40));
        DataSubjectRequest destroyed = RequestLifecycle.letterDestroyed(moved, "staff-3", shredded);
        assertThat(last(destroyed)).isEqualTo(new RequestEvent(shredded, RequestLifecycle.LETTER_DESTROYED, "staff-3",
                Optional.empty()));
        assertThat(RequestLifecycle.letterDestroyedAt(destroyed)).hasValue(shredded);
        assertThat(RequestLifecycle.letterDestroyedAt(RequestLifecycle.note(destroyed, "NOTE", "s", "n",
                shredded.plusSeconds(1)))).hasValue(shredded);
        assertThat(RequestLifecycle.letterDestroyed(destroyed, "staff-4", shredded.plusSeconds(5)))
                .as("a repeat changes nothing").isSameAs(destroyed);
        assertThatThrownBy(() -> RequestLifecycle.letterKept(destroyed, "cabinet C", "s", shredded))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already destroyed");
    }

    @Test
    void onlyALetterRequestHasAPaperOriginal() {
        DataSubjectRequest mail = verified(RequestType.ACCESS, RequestChannel.EMAIL);
        assertThatThrownBy(() -> RequestLifecycle.letterKept(mail, "cabinet A", "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("came by EMAIL");
        assertThatThrownBy(() -> RequestLifecycle.letterDestroyed(mail, "s", T0))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("came by EMAIL");
    }

    @Test
    void aClosedLettersOriginalAwaitsShreddingFromThirtyDaysAfterClosingUntilRecordedShredded() {
        DataSubjectRequest closed = RequestLifecycle.complete(verified(RequestType.ACCESS, RequestChannel.LETTER),
                "s", "done", T0);
        Instant due = T0.plus(RequestLifecycle.LETTER_SHREDDED_WITHIN);
        assertThat(RequestLifecycle.letterAwaitsShredding(closed, due)).as("at exactly 30 days").isFalse();
        assertThat(RequestLifecycle.letterAwaitsShredding(closed, due.plusNanos(1))).isTrue();
        assertThat(RequestLifecycle.letterAwaitsShredding(RequestLifecycle.letterDestroyed(closed, "s", T0),
                due.plus(Duration.ofDays(1)))).as("shredded").isFalse();
        assertThat(RequestLifecycle.letterAwaitsShredding(verified(RequestType.ACCESS, RequestChannel.LETTER),
                due.plus(Duration.ofDays(1)))).as("still open").isFalse();
        DataSubjectRequest mailClosed = RequestLifecycle.complete(verified(RequestType.ACCESS, RequestChannel.EMAIL),
                "s", "done", T0);
        assertThat(RequestLifecycle.letterAwaitsShredding(mailClosed, due.plus(Duration.ofDays(1)))).as("no paper")
                .isFalse();
    }
}
