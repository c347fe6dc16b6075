package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;

/** A customer organisation (seed §5): contact, billing and address data, business id. */
public record Customer(
        String customerId,
        String name,
        String businessId,
        String email,
        String phone,
        BillingAddress billingAddress,
        Optional<String> eInvoiceAddress,
        CustomerStatus status,
        Optional<Instant> endedAt,
        boolean marketingOptOut,
        Optional<Restriction> restriction,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final String ID_PREFIX = "cus_";

    /** Kept because a law requires it, used for nothing else (GDPR art. 17(3)(b), 18). */
    public record Restriction(Instant at, String reason) {
    }

    public boolean isActive() {
        return status == CustomerStatus.ACTIVE;
    }
}
