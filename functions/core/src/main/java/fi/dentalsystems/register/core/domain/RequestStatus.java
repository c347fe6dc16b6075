package fi.dentalsystems.register.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a data-subject request (DESIGN.md):
 * RECEIVED → AWAITING_VERIFICATION → VERIFIED → IN_PROGRESS → COMPLETED | REJECTED, and
 * WITHDRAWN; a link never confirmed ends UNVERIFIED (issue 11: every request ends). The allowed
 * moves live here and nowhere else — with one exception, stated where it is made: an open request
 * of a duplicate group closes COMPLETED when another member's answer answered it
 * ({@code RequestLifecycle.completeWithGroup}).
 */
public enum RequestStatus {
    RECEIVED,
    AWAITING_VERIFICATION,
    VERIFIED,
    IN_PROGRESS,
    COMPLETED,
    REJECTED,
    WITHDRAWN,
    /** The verification link (and its one reminder) went unanswered: closed without an answer, no mail. */
    UNVERIFIED;

    public Set<RequestStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(AWAITING_VERIFICATION, VERIFIED, REJECTED, WITHDRAWN);
            case AWAITING_VERIFICATION -> EnumSet.of(VERIFIED, REJECTED, WITHDRAWN, UNVERIFIED);
            case VERIFIED -> EnumSet.of(IN_PROGRESS, COMPLETED, REJECTED, WITHDRAWN);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, REJECTED, WITHDRAWN);
            case COMPLETED, REJECTED, WITHDRAWN, UNVERIFIED -> EnumSet.noneOf(RequestStatus.class);
        };
    }

    public boolean canMoveTo(RequestStatus target) {
        return next().contains(target);
    }

    public boolean isOpen() {
        return !next().isEmpty();
    }

    public static Set<RequestStatus> open() {
        return EnumSet.of(RECEIVED, AWAITING_VERIFICATION, VERIFIED, IN_PROGRESS);
    }
}
