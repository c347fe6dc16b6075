package fi.dentalsystems.register.core.retention;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a request waits for its verification link to be opened (issue 11: every request ends).
 * One reminder with a fresh link {@code remindAfter} the link was mailed; when the last link sent
 * (the reminder's) has been expired for {@code closeAfterLastLinkExpired}, the request closes
 * UNVERIFIED and its retention clock starts. Pure policy: the deadline monitor's run asks it, the
 * lifecycle makes the moves. The link's own lifetime is {@code VerificationToken.LIFETIME} (72 h).
 */
public record VerificationPolicy(Duration remindAfter, Duration closeAfterLastLinkExpired) {

    public static VerificationPolicy defaults() {
        // a day is long enough not to nag someone who reads mail once a day, and leaves the first
        // link two more days; a week past the last link's end covers a holiday before giving up
        return new VerificationPolicy(Duration.ofHours(24), Duration.ofDays(7));
    }

    /** Still unverified {@code remindAfter} after its link went, and never reminded. */
    public boolean reminderDue(DataSubjectRequest r, Instant now) {
        if (r.status() != RequestStatus.AWAITING_VERIFICATION || r.tokenHash().isEmpty() || r.remindedAt().isPresent()) {
            return false;
        }
        return RequestLifecycle.lastLinkSentAt(r).map(sent -> !now.isBefore(sent.plus(remindAfter))).orElse(false);
    }

    /** Reminded, and the reminder's link has been expired for {@code closeAfterLastLinkExpired}. */
    public boolean abandoned(DataSubjectRequest r, Instant now) {
        return r.status() == RequestStatus.AWAITING_VERIFICATION && r.remindedAt().isPresent()
                && closesAt(r).map(at -> !now.isBefore(at)).orElse(false);
    }

    /** When an unverified request that was reminded closes: its last link's expiry plus the grace. */
    public Optional<Instant> closesAt(DataSubjectRequest r) {
        return r.tokenExpiresAt().map(expiry -> expiry.plus(closeAfterLastLinkExpired));
    }
}
