package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data-subject request and its history. The address is the one the request names (the
 * form's, or the mail's From); verification proves the requester controls it. {@code dueAt}
 * is the deadline in force: {@code originalDueAt} moved by the extension, if any. {@code intake}
 * holds facts of an emailed request: message id, raw-mail key, SES verdicts, why it was parked.
 */
public record DataSubjectRequest(
        String requestId,
        RequestType type,
        RequestStatus status,
        RequestChannel channel,
        Instant receivedAt,
        Instant originalDueAt,
        Instant dueAt,
        Optional<Extension> extension,
        String email,
        Optional<String> name,
        Optional<String> details,
        Language language,
        Optional<String> tokenHash,
        Optional<Instant> tokenExpiresAt,
        Optional<Instant> verifiedAt,
        List<RequestEvent> events,
        Map<String, String> intake,
        long version) {

    public static final String ID_PREFIX = "req_";

    public DataSubjectRequest {
        events = List.copyOf(events);
        intake = Map.copyOf(intake);
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && now.isAfter(dueAt);
    }

    /**
     * The request as evidence once the requester's data is erased (GDPR art. 17, 5(2)): what was
     * asked, by which address, when and how it went; no name, no free text.
     */
    public DataSubjectRequest minimised() {
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, Optional.empty(), Optional.empty(), language, tokenHash, tokenExpiresAt, verifiedAt, events,
                intake, version);
    }

    /** The same request of another type (staff classified an UNCLASSIFIED mail). */
    public DataSubjectRequest withType(RequestType newType) {
        return new DataSubjectRequest(requestId, newType, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, intake, version);
    }

    /** The same request under a given id, with intake facts of an emailed request. */
    public DataSubjectRequest withMailIntake(String newRequestId, Map<String, String> newIntake) {
        return new DataSubjectRequest(newRequestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, newIntake, version);
    }
}
