package fi.dentalsystems.register.core.retention;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: one reminder a day after the link went, and closing a week after the reminder's link expired. */
class VerificationPolicyTest {
    private static final Instant SENT = Instant.parse("2026-03-10T08:00:00Z");
    private static final VerificationPolicy POLICY = VerificationPolicy.defaults();

    private static DataSubjectRequest awaiting() {
        return RequestLifecycle.awaitVerification(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.WEB_FORM,
                "a@example.fi", Optional.empty(), Optional.empty(), Language.FI, "public", SENT),
                VerificationToken.issue("req_1"), SENT);
    }

    @Test
    void theDefaultsAreADayAndAWeek() {
        // called here, not read from POLICY: a static field is set before a mutation test's change is active
        assertThat(VerificationPolicy.defaults()).isEqualTo(new VerificationPolicy(Duration.ofHours(24), Duration.ofDays(7)));
    }

    @Test
    void aReminderIsDueFromTheInstantADayHasPassedAndOnlyOnce() {
        DataSubjectRequest r = awaiting();
        assertThat(POLICY.reminderDue(r, SENT.plus(Duration.ofHours(24)).minusNanos(1))).isFalse();
        assertThat(POLICY.reminderDue(r, SENT.plus(Duration.ofHours(24)))).isTrue();
        assertThat(POLICY.reminderDue(r, SENT.plus(Duration.ofDays(3)))).isTrue();
        DataSubjectRequest reminded = RequestLifecycle.remind(r, VerificationToken.issue("req_1"),
                SENT.plus(Duration.ofDays(1)));
        assertThat(POLICY.reminderDue(reminded, SENT.plus(Duration.ofDays(5)))).as("never a second").isFalse();
    }

    @Test
    void noReminderForARequestNotWaitingForItsLink() {
        DataSubjectRequest r = awaiting();
        Instant late = SENT.plus(Duration.ofDays(2));
        assertThat(POLICY.reminderDue(RequestLifecycle.verifyByLink(r, late), late)).isFalse();
        DataSubjectRequest letter = RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER, "a@example.fi",
                Optional.empty(), Optional.empty(), Language.FI, "staff", SENT);
        assertThat(POLICY.reminderDue(letter, late)).as("no link, no reminder").isFalse();
    }

    @Test
    void aRemindedRequestIsAbandonedFromTheInstantItsLastLinkHasBeenExpiredAWeek() {
        Instant remindedAt = SENT.plus(Duration.ofDays(1));
        DataSubjectRequest reminded = RequestLifecycle.remind(awaiting(), VerificationToken.issue("req_1"), remindedAt);
        Instant closes = remindedAt.plus(VerificationToken.LIFETIME).plus(Duration.ofDays(7));
        assertThat(POLICY.closesAt(reminded)).hasValue(closes);
        assertThat(POLICY.abandoned(reminded, closes.minusNanos(1))).isFalse();
        assertThat(POLICY.abandoned(reminded, closes)).isTrue();
        assertThat(POLICY.abandoned(awaiting(), closes.plus(Duration.ofDays(30)))).as("never reminded").isFalse();
        assertThat(POLICY.abandoned(RequestLifecycle.verifyByLink(reminded, remindedAt), closes)).isFalse();
        assertThat(POLICY.closesAt(RequestLifecycle.verifyByLink(reminded, remindedAt))).isEmpty();
    }
}
