package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * GDPR art. 12(3): answer within one month of receipt, extendable once by up to two further
 * months. Months are calendar months in Helsinki time; a day that the target month lacks
 * becomes its last day (31 January → 28 or 29 February).
 */
public final class RequestDeadline {
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    public static final int MAX_EXTENSION_MONTHS = 2;

    private RequestDeadline() {
    }

    public static Instant dueAt(Instant receivedAt) {
        return receivedAt.atZone(HELSINKI).plusMonths(1).toInstant();
    }

    /** The due date after an extension of {@code months} (1–2), counted from the original due date. */
    public static Instant extended(Instant originalDueAt, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("an extension is 1 or 2 months");
        }
        return originalDueAt.atZone(HELSINKI).plusMonths(months).toInstant();
    }
}
