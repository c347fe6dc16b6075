package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;

/** One customer-history entry (seed §5): a support call, an email, a note. */
public record HistoryEntry(
        String customerId,
        String entryId,
        Instant occurredAt,
        HistoryChannel channel,
        String summary,
        Optional<String> contactId,
        DataSource source,
        String recordedBy,
        Instant createdAt) {

    public static final String ID_PREFIX = "his_";

    /** The entry as a rectification corrected it (GDPR art. 16): the same entry, its summary and channel set right. */
    public HistoryEntry corrected(String newSummary, HistoryChannel newChannel) {
        return new HistoryEntry(customerId, entryId, occurredAt, newChannel, newSummary, contactId, source, recordedBy,
                createdAt);
    }
}
