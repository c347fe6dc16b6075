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
 *
 * <p>{@code duplicateOf}: the earliest open request of the same type from the same address when
 * this one arrived (issue 11) — linked, never blocking. {@code remindedAt}: when the one reminder
 * with a fresh link went out. {@code spentTokenHash}: the hash of the link that verified it, so the
 * person re-opening their own link can be told "already confirmed" and nobody else can.
 * {@code minimisation}: present once the closed request was reduced to evidence; {@code email} is
 * then empty and the address lives on only as the minimisation's peppered hash. {@code redactions}:
 * what staff hold back from an ACCESS request's copy (art. 15(4)); free text, so they go with the
 * name and details when the request is minimised or reduced to evidence.
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
        Optional<String> duplicateOf,
        Optional<Instant> remindedAt,
        Optional<String> spentTokenHash,
        Optional<Minimisation> minimisation,
        List<Redaction> redactions,
        long version) {

    public static final String ID_PREFIX = "req_";

    public DataSubjectRequest {
        events = List.copyOf(events);
        intake = Map.copyOf(intake);
        redactions = List.copyOf(redactions);
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && now.isAfter(dueAt);
    }

    /** When it closed: the time of its last event (later events — the answer, a lift — move it on). */
    public Optional<Instant> closedAt() {
        return status.isOpen() || events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).at());
    }

    public boolean isMinimised() {
        return minimisation.isPresent();
    }

    /**
     * The request as evidence once the requester's data is erased (GDPR art. 17, 5(2)): what was
     * asked, by which address, when and how it went; no name, no free text.
     */
    public DataSubjectRequest minimised() {
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, Optional.empty(), Optional.empty(), language, tokenHash, tokenExpiresAt, verifiedAt, events,
                intake, duplicateOf, remindedAt, spentTokenHash, minimisation, List.of(), version);
    }

    /**
     * A closed request reduced to what accountability needs (issue 11; GDPR art. 5(1)(c), 5(1)(e),
     * 5(2)): id, type, channel, status, dates, the events' kinds, times and actors, the outcome, the
     * duplicate link and the address's peppered hash. The name, the details (and with them the
     * requested corrections), the notes' text (extension reason included), the intake facts (the
     * raw-mail key among them), the address and every link hash go.
     */
    public DataSubjectRequest reducedToEvidence(String addressHash, Instant at) {
        if (status.isOpen()) {
            throw new IllegalTransitionException("Only a closed request is reduced to evidence.");
        }
        // a letter's place stays: the paper must still be found to be shredded (seed §9; it names a room, not a person)
        List<RequestEvent> bare = events.stream().map(e -> new RequestEvent(e.at(), e.kind(), e.actor(),
                e.kind().equals(RequestLifecycle.LETTER_KEPT) ? e.note() : Optional.empty())).toList();
        Optional<Extension> extensionWithoutReason = extension.map(e -> new Extension(e.months(), "", e.at()));
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt,
                extensionWithoutReason, "", Optional.empty(), Optional.empty(), language, Optional.empty(),
                Optional.empty(), verifiedAt, bare, Map.of(), duplicateOf, remindedAt, Optional.empty(),
                Optional.of(new Minimisation(at, addressHash, RequestLifecycle.outcome(this))), List.of(), version);
    }

    /** The same request of another type (staff classified an UNCLASSIFIED mail). */
    public DataSubjectRequest withType(RequestType newType) {
        return new DataSubjectRequest(requestId, newType, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, intake, duplicateOf,
                remindedAt, spentTokenHash, minimisation, redactions, version);
    }

    /** The same request under a given id, with intake facts of an emailed request. */
    public DataSubjectRequest withMailIntake(String newRequestId, Map<String, String> newIntake) {
        return new DataSubjectRequest(newRequestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, newIntake, duplicateOf,
                remindedAt, spentTokenHash, minimisation, redactions, version);
    }

    /** The same request, linked to the earliest open request of its group (a duplicate, issue 11). */
    public DataSubjectRequest duplicateOf(String originalId) {
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, intake,
                Optional.of(originalId), remindedAt, spentTokenHash, minimisation, redactions, version);
    }

    /** The same request with these redactions of its access copy (the lifecycle's redact moves use this). */
    DataSubjectRequest withRedactions(List<Redaction> newRedactions) {
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, intake, duplicateOf,
                remindedAt, spentTokenHash, minimisation, newRedactions, version);
    }

    /** The same request with its reminder facts and its spent link (the lifecycle's moves use this). */
    DataSubjectRequest withLinkFacts(Optional<Instant> newRemindedAt, Optional<String> newSpentTokenHash) {
        return new DataSubjectRequest(requestId, type, status, channel, receivedAt, originalDueAt, dueAt, extension,
                email, name, details, language, tokenHash, tokenExpiresAt, verifiedAt, events, intake, duplicateOf,
                newRemindedAt, newSpentTokenHash, minimisation, redactions, version);
    }
}
