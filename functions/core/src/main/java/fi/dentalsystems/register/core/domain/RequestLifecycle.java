package fi.dentalsystems.register.core.domain;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every move a data-subject request can make, as pure functions from one state to the next.
 * Each move appends an event; the caller stores the result (conditional on its version) and
 * writes the audit item.
 */
public final class RequestLifecycle {
    public static final String REQUESTER = "requester";

    private RequestLifecycle() {
    }

    public static DataSubjectRequest receive(RequestType type, RequestChannel channel, String email,
                                             Optional<String> name, Optional<String> details, Language language,
                                             String actor, Instant now) {
        Instant due = RequestDeadline.dueAt(now);
        return new DataSubjectRequest(DataSubjectRequest.ID_PREFIX + Ulid.next(now), type, RequestStatus.RECEIVED,
                channel, now, due, due, Optional.empty(), email, name, details, language, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new RequestEvent(now, "RECEIVED", actor, Optional.empty())),
                java.util.Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0);
    }

    /** The same request with an id and intake facts of an emailed request (deterministic id: redelivery is a duplicate). */
    public static DataSubjectRequest fromMail(DataSubjectRequest r, String requestId, java.util.Map<String, String> intake) {
        return r.withMailIntake(requestId, intake);
    }

    /** A verification link was mailed; only its hash is kept, and it expires in 72 hours. */
    public static DataSubjectRequest awaitVerification(DataSubjectRequest r, VerificationToken token, Instant now) {
        require(r, RequestStatus.AWAITING_VERIFICATION);
        return with(r, RequestStatus.AWAITING_VERIFICATION, Optional.of(token.hash()),
                Optional.of(now.plus(VerificationToken.LIFETIME)), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, VERIFICATION_SENT, "system", Optional.empty(), r));
    }

    public static final String VERIFICATION_SENT = "VERIFICATION_SENT";
    public static final String REMINDER_SENT = "REMINDER_SENT";
    public static final String UNVERIFIED = "UNVERIFIED";
    /** A group member answered by another member's answer (issue 11): it gets no answer of its own. */
    public static final String ANSWERED_WITH = "ANSWERED_WITH";

    /**
     * What a verification link is worth. One refusal for a used, expired, wrong or unknown link, so a
     * link tells nothing about a request; {@code ALREADY_VERIFIED} only for the very secret that
     * verified it (the person re-opening their own link), never for a guess at a verified id.
     */
    public enum LinkOutcome { VALID, ALREADY_VERIFIED, REFUSED }

    /**
     * A new verification link in place of one that may never have gone out (an interrupted intake
     * replayed, issue 13): the old hash is replaced, so only the newest link verifies.
     */
    public static DataSubjectRequest reissueVerification(DataSubjectRequest r, VerificationToken token, Instant now) {
        if (r.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new IllegalTransitionException("Only a request awaiting verification gets a new link.");
        }
        return with(r, RequestStatus.AWAITING_VERIFICATION, Optional.of(token.hash()),
                Optional.of(now.plus(VerificationToken.LIFETIME)), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, VERIFICATION_SENT, "system", Optional.of("link issued again"), r));
    }


    public static LinkOutcome checkLink(DataSubjectRequest r, VerificationToken token, Instant now) {
        if (r.status() == RequestStatus.AWAITING_VERIFICATION && r.tokenHash().isPresent()
                && token.matches(r.tokenHash().get()) && !now.isAfter(r.tokenExpiresAt().orElse(Instant.EPOCH))) {
            return LinkOutcome.VALID;
        }
        if (r.verifiedAt().isPresent() && r.spentTokenHash().isPresent() && token.matches(r.spentTokenHash().get())) {
            return LinkOutcome.ALREADY_VERIFIED;
        }
        return LinkOutcome.REFUSED;
    }

    /**
     * The requester pressed the button of a valid link's page: verified, and the token is spent
     * (single use). Its hash is kept as the spent one, for "already confirmed" to that secret only.
     */
    public static DataSubjectRequest verifyByLink(DataSubjectRequest r, Instant now) {
        require(r, RequestStatus.VERIFIED);
        return with(r, RequestStatus.VERIFIED, Optional.empty(), Optional.empty(), Optional.of(now), r.extension(),
                r.dueAt(), event(now, "VERIFIED", REQUESTER, Optional.empty(), r))
                .withLinkFacts(r.remindedAt(), r.tokenHash());
    }

    /**
     * The one reminder (issue 11): a fresh link replaces the first — the first stops working, since
     * only the newest hash is kept — and it lasts as long as a first link does. Never a second one.
     */
    public static DataSubjectRequest remind(DataSubjectRequest r, VerificationToken token, Instant now) {
        if (r.status() != RequestStatus.AWAITING_VERIFICATION || r.tokenHash().isEmpty()) {
            throw new IllegalTransitionException("Only a request waiting for its link to be opened is reminded.");
        }
        if (r.remindedAt().isPresent()) {
            throw new IllegalTransitionException("A request is reminded once.");
        }
        return with(r, r.status(), Optional.of(token.hash()), Optional.of(now.plus(VerificationToken.LIFETIME)),
                r.verifiedAt(), r.extension(), r.dueAt(), event(now, REMINDER_SENT, "system", Optional.empty(), r))
                .withLinkFacts(Optional.of(now), r.spentTokenHash());
    }

    /** When the last link (the first, or the reminder's) was mailed: the latest of those events. */
    public static Optional<Instant> lastLinkSentAt(DataSubjectRequest r) {
        return r.events().stream().filter(e -> e.kind().equals(VERIFICATION_SENT) || e.kind().equals(REMINDER_SENT))
                .map(RequestEvent::at).max(Instant::compareTo);
    }

    /**
     * Nobody opened the link nor its reminder's (issue 11): the request ends UNVERIFIED, without
     * mail (the address may not be the requester's at all), its token gone, its retention clock on.
     */
    public static DataSubjectRequest abandon(DataSubjectRequest r, Instant now) {
        require(r, RequestStatus.UNVERIFIED);
        return with(r, RequestStatus.UNVERIFIED, Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(),
                r.dueAt(), event(now, UNVERIFIED, "system", Optional.empty(), r));
    }

    /** Staff verified the requester by other means (a letter), with a note of how. */
    public static DataSubjectRequest verifyByStaff(DataSubjectRequest r, String actor, String note, Instant now) {
        require(r, RequestStatus.VERIFIED);
        return with(r, RequestStatus.VERIFIED, Optional.empty(), Optional.empty(), Optional.of(now), r.extension(),
                r.dueAt(), event(now, "VERIFIED", actor, Optional.of(note), r));
    }

    /** One extension of 1–2 months, with the reason the requester is told. */
    public static DataSubjectRequest extend(DataSubjectRequest r, int months, String reason, String actor, Instant now) {
        if (!r.status().isOpen()) {
            throw new IllegalTransitionException("A " + r.status() + " request cannot be extended.");
        }
        if (r.extension().isPresent()) {
            throw new IllegalTransitionException("The deadline has already been extended once.");
        }
        Instant due = RequestDeadline.extended(r.originalDueAt(), months);
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(),
                Optional.of(new Extension(months, reason, now)), due,
                event(now, "EXTENDED", actor, Optional.of(reason), r));
    }

    /** Staff decide what an UNCLASSIFIED request (mail whose type was unclear) asks for; then the normal path runs. */
    public static DataSubjectRequest classify(DataSubjectRequest r, RequestType type, String actor, Instant now) {
        if (r.type() != RequestType.UNCLASSIFIED) {
            throw new IllegalTransitionException("Only an UNCLASSIFIED request can be classified.");
        }
        if (type == RequestType.UNCLASSIFIED) {
            throw new IllegalArgumentException("classify to a concrete type");
        }
        if (!r.status().isOpen()) {
            throw new IllegalTransitionException("A " + r.status() + " request cannot be classified.");
        }
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(), r.extension(),
                r.dueAt(), event(now, "CLASSIFIED", actor, Optional.of(type.name()), r)).withType(type);
    }

    /** An event on a closed request that does not change its status (a restriction lifted, say). */
    public static DataSubjectRequest note(DataSubjectRequest r, String kind, String actor, String note, Instant now) {
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, kind, actor, Optional.of(note), r));
    }

    /** The request is fulfilled; the note says how (no personal data). */
    public static DataSubjectRequest complete(DataSubjectRequest r, String actor, String note, Instant now) {
        require(r, RequestStatus.COMPLETED);
        return with(r, RequestStatus.COMPLETED, Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(),
                r.dueAt(), event(now, "COMPLETED", actor, Optional.of(note), r));
    }

    /**
     * A member of a duplicate group answered by another member's answer (issue 11: one answer for the
     * group). The one move outside {@link RequestStatus#next()}: an open member closes COMPLETED even
     * unverified — the answer went, to the same address, on a request whose requester was verified.
     */
    public static DataSubjectRequest completeWithGroup(DataSubjectRequest r, String answeredBy, String actor,
                                                       Instant now) {
        if (!r.status().isOpen()) {
            throw new IllegalTransitionException("A " + r.status() + " request is already closed.");
        }
        DataSubjectRequest completed = with(r, RequestStatus.COMPLETED, Optional.empty(), Optional.empty(),
                r.verifiedAt(), r.extension(), r.dueAt(), event(now, "COMPLETED", actor,
                        Optional.of("completed with " + answeredBy + " (duplicate group)"), r));
        return with(completed, RequestStatus.COMPLETED, Optional.empty(), Optional.empty(), r.verifiedAt(),
                r.extension(), r.dueAt(), event(now, ANSWERED_WITH, "system", Optional.of(answeredBy), completed));
    }

    public static DataSubjectRequest reject(DataSubjectRequest r, String reason, String actor, Instant now) {
        require(r, RequestStatus.REJECTED);
        return with(r, RequestStatus.REJECTED, Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(),
                r.dueAt(), event(now, "REJECTED", actor, Optional.of(reason), r));
    }

    /** How long the access-export link works (issue 4): long enough for a holiday week, short enough to matter. */
    public static final java.time.Duration EXPORT_LINK_LIFETIME = java.time.Duration.ofDays(7);
    public static final String EXPORT_STORED = "EXPORT_STORED";
    public static final String EXPORT_LINK_ISSUED = "EXPORT_LINK_ISSUED";
    public static final String EXPORT_OPENED = "EXPORT_OPENED";
    public static final String ANSWER_SENT = "ANSWER_SENT";

    /** ACCESS: the export is built and stored under its key; the request is being worked on. */
    public static DataSubjectRequest exportStored(DataSubjectRequest r, String key, String actor, Instant now) {
        requireAccess(r);
        if (r.status() != RequestStatus.IN_PROGRESS) {
            require(r, RequestStatus.IN_PROGRESS);
        }
        return with(r, RequestStatus.IN_PROGRESS, Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(),
                r.dueAt(), event(now, EXPORT_STORED, actor, Optional.of(key), r));
    }

    /**
     * ACCESS completed: the request now carries the export link's hash and expiry (7 days) in the
     * token attributes the verification link used — that token is spent once a request is verified,
     * and a link is only honoured in the state it was issued for.
     */
    public static DataSubjectRequest completeWithExportLink(DataSubjectRequest r, VerificationToken token, String actor,
                                                            String note, Instant now) {
        requireAccess(r);
        return exportLink(complete(r, actor, note, now), token, now);
    }

    /** A new export link for a completed ACCESS request whose answer never went out (the old secret is unknown). */
    public static DataSubjectRequest reissueExportLink(DataSubjectRequest r, VerificationToken token, Instant now) {
        requireAccess(r);
        if (r.status() != RequestStatus.COMPLETED) {
            throw new IllegalTransitionException("Only a completed ACCESS request has an export link.");
        }
        return exportLink(r, token, now);
    }

    private static DataSubjectRequest exportLink(DataSubjectRequest r, VerificationToken token, Instant now) {
        return with(r, r.status(), Optional.of(token.hash()), Optional.of(now.plus(EXPORT_LINK_LIFETIME)),
                r.verifiedAt(), r.extension(), r.dueAt(), event(now, EXPORT_LINK_ISSUED, "system", Optional.empty(), r));
    }

    /** At most this many redactions on one request: an item stays far below DynamoDB's 400 KB. */
    public static final int MAX_REDACTIONS = 50;

    /**
     * ACCESS (art. 15(4)): staff hold back an item or a passage of the copy before it is released.
     * Only while the copy is still to be made: verified, and no export stored yet — a stored export
     * is the one the link delivers, and a completed request's copy is what the person was given
     * (decision 0018). The same thing twice is refused, so an undo always undoes.
     */
    public static DataSubjectRequest redact(DataSubjectRequest r, Redaction redaction) {
        requireRedactable(r);
        if (r.redactions().stream().anyMatch(redaction::sameAs)) {
            throw new IllegalTransitionException("That is already redacted (" + r.redactions().stream()
                    .filter(redaction::sameAs).findFirst().orElseThrow().redactionId() + ").");
        }
        if (r.redactions().size() >= MAX_REDACTIONS) {
            throw new IllegalTransitionException("A request has at most " + MAX_REDACTIONS + " redactions.");
        }
        List<Redaction> redactions = new ArrayList<>(r.redactions());
        redactions.add(redaction);
        return r.withRedactions(redactions);
    }

    /** Undoes a redaction before the copy is made (the same window as {@link #redact}); an unknown id is refused. */
    public static DataSubjectRequest undoRedaction(DataSubjectRequest r, String redactionId) {
        requireRedactable(r);
        List<Redaction> kept = r.redactions().stream().filter(d -> !d.redactionId().equals(redactionId)).toList();
        if (kept.size() == r.redactions().size()) {
            throw new java.util.NoSuchElementException("no such redaction");
        }
        return r.withRedactions(kept);
    }

    /** Refuses (409) a request whose copy is no longer, or not yet, open to redaction. */
    public static void requireRedactable(DataSubjectRequest r) {
        requireAccess(r);
        if (r.status() != RequestStatus.VERIFIED && r.status() != RequestStatus.IN_PROGRESS) {
            throw new IllegalTransitionException("A " + r.status() + " request's copy can no longer be redacted"
                    + (r.status().isOpen() ? "; verify it first." : "."));
        }
        if (hasEvent(r, EXPORT_STORED)) {
            throw new IllegalTransitionException("The export is already stored for sending; its redactions are settled.");
        }
    }

    /** The export link lapsed unopened (issue 15): the deadline monitor's daily run records it. */
    public static final String EXPORT_EXPIRED = "EXPORT_EXPIRED";
    /** Staff sent a fresh export link (issue 15); the note-less event counts toward {@link #EXPORT_RESENDS}. */
    public static final String EXPORT_RESENT = "EXPORT_RESENT";
    /**
     * How often staff may send a fresh export link for one request (issue 15). Three covers a lapsed
     * link, a link spent by mistake and one more mishap; beyond that something else is wrong (a wrong
     * or shared mailbox), and the person is better served by a new request, verified again.
     */
    public static final int EXPORT_RESENDS = 3;

    /** A mailed export link that expired unopened and is not yet recorded as such. */
    public static boolean exportLinkLapsed(DataSubjectRequest r, Instant now) {
        return r.type() == RequestType.ACCESS && r.status() == RequestStatus.COMPLETED && r.tokenHash().isPresent()
                && r.tokenExpiresAt().filter(now::isAfter).isPresent();
    }

    /**
     * The link expired unused: recorded, and its hash goes (it opens nothing any more; GDPR art.
     * 5(1)(c)). Staff see the event and may send a fresh link ({@link #resendExportLink}).
     */
    public static DataSubjectRequest exportExpired(DataSubjectRequest r, Instant now) {
        if (!exportLinkLapsed(r, now)) {
            throw new IllegalTransitionException("Only a completed ACCESS request whose link expired unopened lapses.");
        }
        return with(r, r.status(), Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, EXPORT_EXPIRED, "system", Optional.empty(), r));
    }

    /** How many fresh links staff have sent for this request. */
    public static long exportResends(DataSubjectRequest r) {
        return r.events().stream().filter(e -> e.kind().equals(EXPORT_RESENT)).count();
    }

    /**
     * Staff send a fresh single-use link (issue 15: it lapsed, or was spent by mistake): the new hash
     * replaces the old, so the old link is dead; at most {@link #EXPORT_RESENDS} times. Only after the
     * answer went — before that, completing again finishes the answer with a link of its own.
     */
    public static DataSubjectRequest resendExportLink(DataSubjectRequest r, VerificationToken token, String actor,
                                                      Instant now) {
        requireAccess(r);
        if (r.status() != RequestStatus.COMPLETED) {
            throw new IllegalTransitionException("Only a completed ACCESS request's export link is sent again; a "
                    + r.status() + " request is not completed.");
        }
        if (!answered(r)) {
            throw new IllegalTransitionException("The answer has not been mailed yet: complete the request again, "
                    + "which sends it with its link.");
        }
        if (exportResends(r) >= EXPORT_RESENDS) {
            throw new IllegalTransitionException("The export link has been sent again " + EXPORT_RESENDS
                    + " times, the most allowed; the person can make a new access request.");
        }
        DataSubjectRequest resent = with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(),
                r.extension(), r.dueAt(), event(now, EXPORT_RESENT, actor, Optional.empty(), r));
        return exportLink(resent, token, now);
    }

    /** Where a paper letter's original is kept (seed §9: locked rooms); the note is the place. */
    public static final String LETTER_KEPT = "LETTER_KEPT";
    /** The letter's original was shredded (seed §9). */
    public static final String LETTER_DESTROYED = "LETTER_DESTROYED";
    /**
     * A closed request's letter is due for shredding when its request content goes (RetentionPolicy
     * REQUEST_CONTENT: 30 days after closing); the deadline summary lists it from then on.
     */
    public static final java.time.Duration LETTER_SHREDDED_WITHIN = java.time.Duration.ofDays(30);

    /** Staff record (or move) where the original of a LETTER request is kept. */
    public static DataSubjectRequest letterKept(DataSubjectRequest r, String location, String actor, Instant now) {
        requireLetter(r);
        if (letterDestroyedAt(r).isPresent()) {
            throw new IllegalTransitionException("The letter was already destroyed; it is kept nowhere.");
        }
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, LETTER_KEPT, actor, Optional.of(location), r));
    }

    /** Staff record that the original was shredded; recorded once (a repeat changes nothing). */
    public static DataSubjectRequest letterDestroyed(DataSubjectRequest r, String actor, Instant now) {
        requireLetter(r);
        if (letterDestroyedAt(r).isPresent()) {
            return r;
        }
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, LETTER_DESTROYED, actor, Optional.empty(), r));
    }

    /** Where the original is kept: the latest place recorded. */
    public static Optional<String> letterLocation(DataSubjectRequest r) {
        return r.events().stream().filter(e -> e.kind().equals(LETTER_KEPT)).reduce((a, b) -> b)
                .flatMap(RequestEvent::note);
    }

    public static Optional<Instant> letterDestroyedAt(DataSubjectRequest r) {
        return r.events().stream().filter(e -> e.kind().equals(LETTER_DESTROYED)).map(RequestEvent::at).findFirst();
    }

    /** A closed LETTER request whose original is not recorded as shredded 30 days after it closed. */
    public static boolean letterAwaitsShredding(DataSubjectRequest r, Instant now) {
        return r.channel() == RequestChannel.LETTER && letterDestroyedAt(r).isEmpty()
                && r.closedAt().filter(c -> c.plus(LETTER_SHREDDED_WITHIN).isBefore(now)).isPresent();
    }

    private static void requireLetter(DataSubjectRequest r) {
        if (r.channel() != RequestChannel.LETTER) {
            throw new IllegalTransitionException("Only a LETTER request has a paper original; this one came by "
                    + r.channel() + ".");
        }
    }

    /** Whether an export link opens the export. One answer for every refusal, so a link reveals nothing. */
    public enum ExportLinkOutcome { OPEN, REFUSED }

    public static ExportLinkOutcome checkExportLink(DataSubjectRequest r, VerificationToken token, Instant now) {
        boolean open = r.type() == RequestType.ACCESS && r.status() == RequestStatus.COMPLETED
                && r.tokenHash().isPresent() && token.matches(r.tokenHash().get())
                && !now.isAfter(r.tokenExpiresAt().orElse(Instant.EPOCH));
        return open ? ExportLinkOutcome.OPEN : ExportLinkOutcome.REFUSED;
    }

    /** The requester opened the export: the link is spent (single use). */
    public static DataSubjectRequest exportOpened(DataSubjectRequest r, Instant now) {
        requireAccess(r);
        return with(r, r.status(), Optional.empty(), Optional.empty(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, EXPORT_OPENED, REQUESTER, Optional.empty(), r));
    }

    /** The answer of a completed request was mailed; a re-run that finds this event sends nothing. */
    public static DataSubjectRequest answerSent(DataSubjectRequest r, Instant now) {
        if (r.status() != RequestStatus.COMPLETED) {
            throw new IllegalTransitionException("Only a completed request has an answer to send.");
        }
        return with(r, r.status(), r.tokenHash(), r.tokenExpiresAt(), r.verifiedAt(), r.extension(), r.dueAt(),
                event(now, ANSWER_SENT, "system", Optional.empty(), r));
    }

    /** Answered: its own answer went, or a group member's answer answered it. */
    public static boolean answered(DataSubjectRequest r) {
        return r.events().stream().anyMatch(e -> e.kind().equals(ANSWER_SENT) || e.kind().equals(ANSWERED_WITH));
    }

    /** Completed by another member of its duplicate group: nothing of its own is owed. */
    public static boolean answeredWithGroup(DataSubjectRequest r) {
        return hasEvent(r, ANSWERED_WITH);
    }

    /**
     * How a closed request went, in the register's own words (never a staff note, which may hold
     * personal data): the completion summary the fulfilment wrote, the duplicate a rejection named,
     * or the closing status. Kept when the request is reduced to evidence.
     */
    public static String outcome(DataSubjectRequest r) {
        String answered = answered(r) ? "; answered" : "";
        return switch (r.status()) {
            case COMPLETED -> "COMPLETED" + r.events().stream().filter(e -> e.kind().equals("COMPLETED"))
                    .reduce((a, b) -> b).flatMap(RequestEvent::note).map(n -> ": " + n).orElse("") + answered;
            case REJECTED -> "REJECTED" + r.duplicateOf().filter(d -> isDuplicateRejection(r))
                    .map(d -> ": duplicate of " + d).orElse("") + answered;
            default -> r.status().name() + answered;
        };
    }

    /** A rejection whose reason is the duplicate link (the register wrote it). */
    private static boolean isDuplicateRejection(DataSubjectRequest r) {
        return r.events().stream().filter(e -> e.kind().equals("REJECTED")).reduce((a, b) -> b)
                .flatMap(RequestEvent::note).filter(n -> n.startsWith(DUPLICATE_REASON)).isPresent();
    }

    /** The start of the rejection note of a duplicate: "duplicate of req_…". */
    public static final String DUPLICATE_REASON = "duplicate of ";

    public static boolean hasEvent(DataSubjectRequest r, String kind) {
        return r.events().stream().anyMatch(e -> e.kind().equals(kind));
    }

    private static void requireAccess(DataSubjectRequest r) {
        if (r.type() != RequestType.ACCESS) {
            throw new IllegalTransitionException("Only an ACCESS request has an export.");
        }
    }

    private static void require(DataSubjectRequest r, RequestStatus target) {
        if (!r.status().canMoveTo(target)) {
            throw new IllegalTransitionException("A request cannot move from " + r.status() + " to " + target + ".");
        }
    }

    private static List<RequestEvent> event(Instant at, String kind, String actor, Optional<String> note,
                                            DataSubjectRequest r) {
        List<RequestEvent> events = new ArrayList<>(r.events());
        events.add(new RequestEvent(at, kind, actor, note));
        return events;
    }

    private static DataSubjectRequest with(DataSubjectRequest r, RequestStatus status, Optional<String> tokenHash,
                                           Optional<Instant> tokenExpiresAt, Optional<Instant> verifiedAt,
                                           Optional<Extension> extension, Instant dueAt, List<RequestEvent> events) {
        return new DataSubjectRequest(r.requestId(), r.type(), status, r.channel(), r.receivedAt(), r.originalDueAt(),
                dueAt, extension, r.email(), r.name(), r.details(), r.language(), tokenHash, tokenExpiresAt,
                verifiedAt, events, r.intake(), r.duplicateOf(), r.remindedAt(), r.spentTokenHash(), r.minimisation(),
                r.redactions(), r.version());
    }
}
