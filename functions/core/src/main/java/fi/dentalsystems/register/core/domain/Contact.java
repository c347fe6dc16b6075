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
        long version) {

    public static final String ID_PREFIX = "con_";

    public Contact {
        roles = Set.copyOf(roles);
    }

    public boolean objectsToMarketing() {
        return marketingObjection.isPresent();
    }

    public boolean receivesFaultNotices() {
        return roles.stream().anyMatch(ContactRole::receivesFaultNotices);
    }
}
