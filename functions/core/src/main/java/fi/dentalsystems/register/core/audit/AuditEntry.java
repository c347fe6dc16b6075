package fi.dentalsystems.register.core.audit;

import java.time.Instant;

/**
 * Who did what to which item, when, through which route, under which purpose and, for a contracted
 * processor's user, for which processor: ids only (DESIGN.md, Security).
 */
public record AuditEntry(
        String entryId,
        Instant occurredAt,
        AuditAction action,
        AuditTarget target,
        String actorId,
        String actorGroup,
        java.util.Optional<String> processorId,
        String purpose,
        String route,
        String requestId,
        java.util.Map<String, Long> details) {

    public AuditEntry {
        details = java.util.Map.copyOf(details);
    }
}
