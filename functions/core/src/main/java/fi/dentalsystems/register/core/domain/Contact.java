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

    /** GDPR art. 18: restricted in the name of a request (a restriction, or an erasure a legal hold keeps back). */
    public Contact restricted(Instant at, String requestId) {
        return new Contact(contactId, customerId, name, email, phone, roles, source, marketingObjection, createdAt, at,
                Optional.of(new Restriction(at, requestId)), version);
    }

    /** GDPR art. 18(3): the restriction is lifted; the record is listed again. */
    public Contact unrestricted(Instant at) {
        return new Contact(contactId, customerId, name, email, phone, roles, source, marketingObjection, createdAt, at,
                Optional.empty(), version);
    }

    /** Seed §12 / GDPR art. 21: the person objects to direct marketing through this request. */
    public Contact objected(Instant at, String requestId) {
        return new Contact(contactId, customerId, name, email, phone, roles, source,
                Optional.of(new MarketingObjection(at, Optional.of(requestId))), createdAt, at, restriction, version);
    }

    public Contact withName(String newName) {
        return new Contact(contactId, customerId, newName, email, phone, roles, source, marketingObjection, createdAt,
                updatedAt, restriction, version);
    }

    public Contact withEmail(String newEmail) {
        return new Contact(contactId, customerId, name, newEmail, phone, roles, source, marketingObjection, createdAt,
                updatedAt, restriction, version);
    }

    public Contact withPhone(Optional<String> newPhone) {
        return new Contact(contactId, customerId, name, email, newPhone, roles, source, marketingObjection, createdAt,
                updatedAt, restriction, version);
    }

    public Contact withRoles(Set<ContactRole> newRoles) {
        return new Contact(contactId, customerId, name, email, phone, newRoles, source, marketingObjection, createdAt,
                updatedAt, restriction, version);
    }

    public Contact withSource(DataSource newSource) {
        return new Contact(contactId, customerId, name, email, phone, roles, newSource, marketingObjection, createdAt,
                updatedAt, restriction, version);
    }

    public Contact withUpdatedAt(Instant at) {
        return new Contact(contactId, customerId, name, email, phone, roles, source, marketingObjection, createdAt, at,
                restriction, version);
    }
}
