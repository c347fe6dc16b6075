package fi.dentalsystems.register.core.retention;

import java.time.Instant;

/**
 * A legal hold on a customer, a contact or a request: until {@code until}, the purge keeps it
 * and what hangs under it, whatever its retention clock says. Placed and lifted by admins only,
 * with a reason (a claim, an authority's request) that the audit trail keeps.
 */
public record LegalHold(Instant until, String reason, String placedBy, Instant placedAt) {

    public boolean isActive(Instant now) {
        return until.isAfter(now);
    }
}
