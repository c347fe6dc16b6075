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

    /** The relationship ends: the end starts the retention clocks (DESIGN.md: billing records, contacts). */
    public Customer ended(Instant at) {
        return new Customer(customerId, name, businessId, email, phone, billingAddress, eInvoiceAddress,
                CustomerStatus.ENDED, Optional.of(at), marketingOptOut, restriction, createdAt, at, version);
    }

    /** Kept because a law requires it, used for nothing else (GDPR art. 17(3)(b), 18); the data stays as it is. */
    public Customer restricted(Instant at, String reason) {
        return new Customer(customerId, name, businessId, email, phone, billingAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, Optional.of(new Restriction(at, reason)), createdAt, at, version);
    }

    public Customer withName(String newName) {
        return new Customer(customerId, newName, businessId, email, phone, billingAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withEmail(String newEmail) {
        return new Customer(customerId, name, businessId, newEmail, phone, billingAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withPhone(String newPhone) {
        return new Customer(customerId, name, businessId, email, newPhone, billingAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withBillingAddress(BillingAddress newAddress) {
        return new Customer(customerId, name, businessId, email, phone, newAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withEInvoiceAddress(Optional<String> newAddress) {
        return new Customer(customerId, name, businessId, email, phone, billingAddress, newAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withMarketingOptOut(boolean optOut) {
        return new Customer(customerId, name, businessId, email, phone, billingAddress, eInvoiceAddress, status,
                endedAt, optOut, restriction, createdAt, updatedAt, version);
    }

    public Customer withUpdatedAt(Instant at) {
        return new Customer(customerId, name, businessId, email, phone, billingAddress, eInvoiceAddress, status,
                endedAt, marketingOptOut, restriction, createdAt, at, version);
    }
}
