package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Set;

/**
 * What one erasure (GDPR art. 17) removed, kept apart from the tables it removed it from so that a
 * restore of those tables can be followed by the same erasure again (decision 0017). Ids and the
 * peppered hash of the address only: no name, no address, no content. {@code historyEntries} are
 * {@code customerId/entryId}, {@code credentials} {@code contactId/service}; {@code heldContactIds}
 * were kept restricted under a legal hold, {@code restrictedCustomerIds} under the Accounting Act,
 * {@code minimisedRequestIds} the person's requests reduced to evidence (the erasure's own among them).
 */
public record ErasureLedgerEntry(String requestId, Instant erasedAt, String addressHash, Set<String> contactIds,
                                 Set<String> historyEntries, Set<String> credentials, Set<String> heldContactIds,
                                 Set<String> restrictedCustomerIds, Set<String> minimisedRequestIds) {
    public ErasureLedgerEntry {
        contactIds = Set.copyOf(contactIds);
        historyEntries = Set.copyOf(historyEntries);
        credentials = Set.copyOf(credentials);
        heldContactIds = Set.copyOf(heldContactIds);
        restrictedCustomerIds = Set.copyOf(restrictedCustomerIds);
        minimisedRequestIds = Set.copyOf(minimisedRequestIds);
    }
}
