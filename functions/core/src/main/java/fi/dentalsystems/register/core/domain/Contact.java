package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A person in a customer's context (seed §5): contact person, user or maintainer. The
 * marketing objection (seed §12, GDPR art. 21) is modelled here; requests set it.
 */
public record Contact(
        String contactId,
        String customerId,
        String name,
        String email,
        Optional<String> phone,
        Set<ContactRole> roles,
        DataSource source,
        Optional<MarketingObjection> marketingObjection,
        Instant createdAt,
        Instant updatedAt,
        Optional<Restriction> restriction,
        long version) {

    public static final String ID_PREFIX = "con_";

    /** GDPR art. 18: the person asked to restrict processing; kept, but left out of every list until lifted. */
    public record Restriction(Instant at, String requestId) {
    }

    public Contact {
        roles = Set.copyOf(roles);
    }

    /** A contact without a restriction. */
    public Contact(String contactId, String customerId, String name, String email, Optional<String> phone,
                   Set<ContactRole> roles, DataSource source, Optional<MarketingObjection> marketingObjection,
                   Instant createdAt, Instant updatedAt, long version) {
        this(contactId, customerId, name, email, phone, roles, source, marketingObjection, createdAt, updatedAt,
                Optional.empty(), version);
    }

    public boolean isRestricted() {
        return restriction.isPresent();
    }

    public boolean objectsToMarketing() {
        return marketingObjection.isPresent();
    }

    public boolean receivesFaultNotices() {
        return roles.stream().anyMatch(ContactRole::receivesFaultNotices);
    }
}
