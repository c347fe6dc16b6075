package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestDeadline;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private static DataSubjectRequest received() {
        return RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.WEB_FORM, "a@example.fi", Optional.empty(),
                Optional.empty(), Language.FI, "public", T0);
    }

    private static DataSubjectRequest in(RequestStatus status) {
        DataSubjectRequest r = received();
        return new DataSubjectRequest(r.requestId(), r.type(), status, r.channel(), r.receivedAt(), r.originalDueAt(),
                r.dueAt(), r.extension(), r.email(), r.name(), r.details(), r.language(), Optional.of("hash"),
                Optional.of(T0.plus(Duration.ofHours(72))), Optional.empty(), r.events(), java.util.Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), java.util.List.of(), 1);
    }

    @Test
    void theAllowedMovesAreExactlyTheDesignedLifecycle() {
        assertThat(RequestStatus.RECEIVED.next()).containsExactlyInAnyOrder(RequestStatus.AWAITING_VERIFICATION,
                RequestStatus.VERIFIED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN);
        assertThat(RequestStatus.AWAITING_VERIFICATION.next()).containsExactlyInAnyOrder(RequestStatus.VERIFIED,
                RequestStatus.REJECTED, RequestStatus.WITHDRAWN, RequestStatus.UNVERIFIED);
        assertThat(RequestStatus.VERIFIED.next()).containsExactlyInAnyOrder(RequestStatus.IN_PROGRESS,
                RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN);
        assertThat(RequestStatus.IN_PROGRESS.next()).containsExactlyInAnyOrder(RequestStatus.COMPLETED,
                RequestStatus.REJECTED, RequestStatus.WITHDRAWN);
        for (RequestStatus closed : List.of(RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN,
                RequestStatus.UNVERIFIED)) {
            assertThat(closed.next()).isEmpty();
            assertThat(closed.isOpen()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(RequestStatus.class)
    void everyIllegalMoveIsRefused(RequestStatus from) {
        DataSubjectRequest r = in(from);
        Set<RequestStatus> allowed = from.next();
        if (!allowed.contains(RequestStatus.VERIFIED)) {
            assertThatThrownBy(() -> RequestLifecycle.verifyByStaff(r, "staff", "letter", T0))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining(from.name());
            assertThatThrownBy(() -> RequestLifecycle.verifyByLink(r, T0)).isInstanceOf(IllegalTransitionException.class);
        } else {
            assertThat(RequestLifecycle.verifyByStaff(r, "staff", "letter", T0).status()).isEqualTo(RequestStatus.VERIFIED);
        }
        if (!allowed.contains(RequestStatus.REJECTED)) {
            assertThatThrownBy(() -> RequestLifecycle.reject(r, "why", "staff", T0)).isInstanceOf(IllegalTransitionException.class);
        } else {
            assertThat(RequestLifecycle.reject(r, "why", "staff", T0).status()).isEqualTo(RequestStatus.REJECTED);
        }
        if (!allowed.contains(RequestStatus.AWAITING_VERIFICATION)) {
            assertThatThrownBy(() -> RequestLifecycle.awaitVerification(r, VerificationToken.issue(r.requestId()), T0))
                    .isInstanceOf(IllegalTransitionException.class);
        }
        if (!from.isOpen()) {
            assertThatThrownBy(() -> RequestLifecycle.extend(r, 1, "why", "staff", T0))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Test
    void everyMoveIsAnEventAndTheDeadlineIsExtendedOnlyOnce() {
        DataSubjectRequest r = received();
        assertThat(r.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(r.dueAt()).isEqualTo(RequestDeadline.dueAt(T0));
        VerificationToken token = VerificationToken.issue(r.requestId());
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(r, token, T0);
        DataSubjectRequest extended = RequestLifecycle.extend(awaiting, 2, "complex request", "staff-1", T0.plusSeconds(60));
        assertThat(extended.dueAt()).isEqualTo(RequestDeadline.extended(r.originalDueAt(), 2));
        assertThat(extended.originalDueAt()).isEqualTo(r.originalDueAt());
        assertThatThrownBy(() -> RequestLifecycle.extend(extended, 1, "again", "staff-1", T0))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(extended.events()).extracting(RequestEvent::kind)
                .containsExactly("RECEIVED", "VERIFICATION_SENT", "EXTENDED");
        assertThat(extended.events().get(2).note()).contains("complex request");
    }

    @Test
    void linksVerifyOnceWithinTheirLifetimeOnlyAndOnlyTheirOwnSecretIsToldItWasConfirmed() {
        DataSubjectRequest r = received();
        VerificationToken token = VerificationToken.issue(r.requestId());
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(r, token, T0);
        assertThat(awaiting.tokenHash()).contains(token.hash()).isNotEqualTo(Optional.of(token.secret()));
        VerificationToken other = VerificationToken.issue(r.requestId());
        assertThat(RequestLifecycle.checkLink(awaiting, other, T0)).isEqualTo(RequestLifecycle.LinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkLink(awaiting, token, T0.plus(Duration.ofHours(71))))
                .isEqualTo(RequestLifecycle.LinkOutcome.VALID);
        assertThat(RequestLifecycle.checkLink(awaiting, token, T0.plus(Duration.ofHours(72)).plusSeconds(1)))
                .isEqualTo(RequestLifecycle.LinkOutcome.REFUSED);
        DataSubjectRequest verified = RequestLifecycle.verifyByLink(awaiting, T0.plusSeconds(5));
        assertThat(verified.tokenHash()).isEmpty();
        assertThat(RequestLifecycle.checkLink(verified, token, T0.plusSeconds(6)))
                .isEqualTo(RequestLifecycle.LinkOutcome.ALREADY_VERIFIED);
        // the oracle of issue 11: a verified id with any other secret is refused like an unknown one
        assertThat(RequestLifecycle.checkLink(verified, other, T0.plusSeconds(6)))
                .isEqualTo(RequestLifecycle.LinkOutcome.REFUSED);
    }

    @Test
    void theOneReminderReplacesTheFirstLinkAndIsNeverRepeated() {
        DataSubjectRequest r = received();
        VerificationToken first = VerificationToken.issue(r.requestId());
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(r, first, T0);
        VerificationToken second = VerificationToken.issue(r.requestId());
        Instant at = T0.plus(Duration.ofHours(24));
        DataSubjectRequest reminded = RequestLifecycle.remind(awaiting, second, at);
        assertThat(reminded.remindedAt()).contains(at);
        assertThat(reminded.tokenExpiresAt()).contains(at.plus(VerificationToken.LIFETIME));
        assertThat(RequestLifecycle.checkLink(reminded, first, at)).isEqualTo(RequestLifecycle.LinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkLink(reminded, second, at)).isEqualTo(RequestLifecycle.LinkOutcome.VALID);
        assertThat(RequestLifecycle.lastLinkSentAt(reminded)).contains(at);
        assertThatThrownBy(() -> RequestLifecycle.remind(reminded, VerificationToken.issue(r.requestId()), at))
                .isInstanceOf(IllegalTransitionException.class);
        DataSubjectRequest closed = RequestLifecycle.abandon(reminded, at.plus(Duration.ofDays(10)));
        assertThat(closed.status()).isEqualTo(RequestStatus.UNVERIFIED);
        assertThat(closed.isOverdue(at.plus(Duration.ofDays(100)))).isFalse();
        assertThat(closed.tokenHash()).isEmpty();
        assertThat(closed.closedAt()).contains(at.plus(Duration.ofDays(10)));
        assertThat(RequestLifecycle.outcome(closed)).isEqualTo("UNVERIFIED");
    }

    @Test
    void evidenceKeepsKindsTimesActorsAndTheOutcomeButNoNoteNameDetailsOrAddress() {
        DataSubjectRequest r = RequestLifecycle.receive(RequestType.RECTIFICATION, RequestChannel.LETTER, "a@example.fi",
                Optional.of("Aino"), Optional.of("my phone is 040 123"), Language.FI, "staff-1", T0);
        DataSubjectRequest verified = RequestLifecycle.verifyByStaff(r, "staff-1", "signed letter from Aino", T0);
        DataSubjectRequest extended = RequestLifecycle.extend(verified, 1, "Aino asked for more", "staff-1", T0);
        DataSubjectRequest done = RequestLifecycle.complete(extended, "staff-1", "corrections applied", T0);
        assertThatThrownBy(() -> verified.reducedToEvidence("h", T0)).isInstanceOf(IllegalTransitionException.class);
        DataSubjectRequest evidence = done.reducedToEvidence("hash-of-address", T0.plusSeconds(9));
        assertThat(evidence.email()).isEmpty();
        assertThat(evidence.name()).isEmpty();
        assertThat(evidence.details()).isEmpty();
        assertThat(evidence.events()).allMatch(e -> e.note().isEmpty());
        assertThat(evidence.events()).extracting(RequestEvent::kind).containsExactly("RECEIVED", "VERIFIED", "EXTENDED",
                "COMPLETED");
        assertThat(evidence.events()).extracting(RequestEvent::actor).containsOnly("staff-1");
        assertThat(evidence.extension()).hasValueSatisfying(e -> assertThat(e.reason()).isEmpty());
        assertThat(evidence.minimisation()).hasValueSatisfying(m -> {
            assertThat(m.addressHash()).isEqualTo("hash-of-address");
            assertThat(m.outcome()).isEqualTo("COMPLETED: corrections applied");
        });
        assertThat(evidence.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(evidence.verifiedAt()).isEqualTo(done.verifiedAt());
    }

    @Test
    void aGroupMemberClosesWithTheAnswerOfAnotherAndIsNotAnsweredAgain() {
        DataSubjectRequest r = received().duplicateOf("req_ORIGINAL");
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(r, VerificationToken.issue(r.requestId()), T0);
        DataSubjectRequest closed = RequestLifecycle.completeWithGroup(awaiting, "req_ORIGINAL", "staff-1", T0);
        assertThat(closed.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(RequestLifecycle.answered(closed)).isTrue();
        assertThat(RequestLifecycle.answeredWithGroup(closed)).isTrue();
        assertThat(closed.tokenHash()).isEmpty();
        assertThatThrownBy(() -> RequestLifecycle.completeWithGroup(closed, "req_ORIGINAL", "staff-1", T0))
                .isInstanceOf(IllegalTransitionException.class);
        DataSubjectRequest rejected = RequestLifecycle.reject(awaiting, RequestLifecycle.DUPLICATE_REASON
                + "req_ORIGINAL", "staff-1", T0);
        assertThat(RequestLifecycle.outcome(rejected)).isEqualTo("REJECTED: duplicate of req_ORIGINAL");
        assertThat(RequestLifecycle.outcome(RequestLifecycle.reject(awaiting, "no such data", "staff-1", T0)))
                .isEqualTo("REJECTED");
    }

    @Test
    void tokensCarryAtLeast128RandomBitsAndParseBack() {
        VerificationToken a = VerificationToken.issue("req_X");
        VerificationToken b = VerificationToken.issue("req_X");
        assertThat(a.secret()).isNotEqualTo(b.secret());
        assertThat(java.util.Base64.getUrlDecoder().decode(a.secret())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(VerificationToken.parse(a.value())).contains(a);
        assertThat(VerificationToken.parse("no-dot")).isEmpty();
        assertThat(VerificationToken.parse("req_X.<script>")).isEmpty();
        assertThat(EnumSet.allOf(RequestStatus.class)).hasSize(8);
    }
}
