package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Paging;
import fi.dentalsystems.register.core.http.Preconditions;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.ProblemType;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.requests.AccessExport;
import fi.dentalsystems.register.core.requests.DuplicateRequests;
import fi.dentalsystems.register.core.requests.RequestFulfilments;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RectificationOutcome;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.validation.EmailAddress;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Staff routes of data-subject requests: enter letters, list, read, verify, extend, reject. */
final class RequestRoutes {
    private static final int NOTE_MAX = 2000;

    private final RequestRepository requests;
    private final ContactRepository contacts;
    private final CustomerRepository customers;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final Clock clock;
    private final RequestFulfilments fulfilments;
    private final AccessExport exports;
    private final String publicBaseUrl;
    private final DuplicateRequests duplicates;
    private final fi.dentalsystems.register.core.requests.ErasureHolds erasureHolds;

    RequestRoutes(Register register, RequestFulfilments fulfilments, AccessExport exports, String publicBaseUrl) {
        this.duplicates = register.duplicates();
        this.erasureHolds = new fi.dentalsystems.register.core.requests.ErasureHolds(register.holds());
        this.mails = register.mails();
        this.requests = register.requests();
        this.contacts = register.contacts();
        this.customers = register.customers();
        this.audit = register.audit();
        this.mailer = register.mailer();
        this.clock = register.clock();
        this.fulfilments = fulfilments;
        this.exports = exports;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** A letter typed in, or an email forwarded by hand; an email one gets a verification mail. */
    ApiResponse create(ApiRequest request) {
        JsonFields f = JsonFields.parse(body(request));
        Optional<RequestType> type = f.requiredEnum("type", RequestType.class);
        Optional<RequestChannel> channel = f.requiredEnum("channel", RequestChannel.class);
        channel.filter(c -> c == RequestChannel.WEB_FORM)
                .ifPresent(c -> f.error("channel", "must be LETTER or EMAIL; the form enters its own requests"));
        Optional<String> email = f.requiredParsed("email", 254, EmailAddress::parse, "must be an email address")
                .map(EmailAddress::value);
        Optional<String> name = freeText(f, "name", 200);
        Optional<String> details = freeText(f, "details", NOTE_MAX);
        Optional<Language> language = f.optionalParsed("language", 2, Language::fromCode, "must be fi, sv or en");
        Instant now = clock.instant();
        Optional<Instant> receivedAt = f.optionalParsed("receivedAt", 40, RequestRoutes::instant,
                "must be an ISO-8601 instant, not in the future and at most 60 days ago");
        receivedAt.filter(t -> t.isAfter(now) || t.isBefore(now.minus(Duration.ofDays(60))))
                .ifPresent(t -> f.error("receivedAt", "must not be in the future or more than 60 days ago"));
        // where the paper original is kept (seed §9; issue 15): a letter's only
        Optional<String> letterLocation = FollowUpRoutes.location(f, "letterLocation", false);
        if (letterLocation.isPresent() && channel.filter(c -> c != RequestChannel.LETTER).isPresent()) {
            f.error("letterLocation", "only a LETTER request has a paper original");
        }
        f.finish();

        DataSubjectRequest received = RequestLifecycle.receive(type.orElseThrow(), channel.orElseThrow(),
                email.orElseThrow(), name, details, language.orElse(Language.FI), request.caller().subject(),
                receivedAt.orElse(now));
        if (letterLocation.isPresent()) {
            received = RequestLifecycle.letterKept(received, letterLocation.get(), request.caller().subject(), now);
        }
        DataSubjectRequest stored;
        Optional<VerificationToken> token = Optional.empty();
        if (received.channel() == RequestChannel.EMAIL) {
            token = Optional.of(VerificationToken.issue(received.requestId()));
            stored = requests.create(RequestLifecycle.awaitVerification(received, token.get(), now));
        } else {
            stored = requests.create(received);
        }
        audit.record(access(request), AuditAction.CREATE, target(stored));
        token.ifPresent(t -> mailer.send(mails.verification(stored, RequestMails.verificationLink(publicBaseUrl, t))));
        // the same person asking the same thing again: linked to the earliest open one (issue 11)
        DataSubjectRequest linked = duplicates.link(stored, access(request));
        return answer(201, linked).withHeader("location", "/requests/" + stored.requestId());
    }

    ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        Optional<RequestStatus> status = request.query("status").map(s -> {
            try {
                return RequestStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be one of " + List.of(RequestStatus.values()));
            }
        });
        boolean overdue = request.query("overdue").map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField("overdue", "must be true or false");
        }).orElse(false);
        Instant now = clock.instant();
        Instant dueBefore = overdue ? now : Instant.parse("9999-12-31T00:00:00Z");
        Page<DataSubjectRequest> page;
        if (status.isPresent()) {
            page = requests.byStatusDueBefore(status.get(), dueBefore, paging.limit(), paging.cursor());
        } else {
            if (paging.cursor().isPresent()) {
                throw ProblemException.invalidField("cursor", "pages through one status; give status as well");
            }
            // every open request, soonest deadline first: open requests are few (a register of organisations)
            List<DataSubjectRequest> open = new ArrayList<>();
            for (RequestStatus s : RequestStatus.open()) {
                open.addAll(requests.byStatusDueBefore(s, dueBefore, Paging.MAX_LIMIT, Optional.empty()).items());
            }
            open.sort(Comparator.comparing(DataSubjectRequest::dueAt));
            page = new Page<>(open.subList(0, Math.min(open.size(), paging.limit())), Optional.empty());
        }
        audit.record(access(request), AuditAction.READ, page.items().stream().map(RequestRoutes::target).toList());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", page.items().stream().map(r -> RequestJson.of(r, now)).toList());
        page.nextCursor().ifPresent(c -> body.put("nextCursor", c));
        return ApiResponse.json(200, Json.write(body));
    }

    /** The answer names at most this many duplicates (openapi.yaml's maxItems); a burst beyond is one sender's noise. */
    private static final int MAX_DUPLICATES_NAMED = 100;

    /** One request; an original also names the requests linked to it as its duplicates (issue 11). */
    ApiResponse get(ApiRequest request) {
        DataSubjectRequest r = load(request);
        List<String> linked = r.email().isEmpty() ? List.of() : requests.withEmail(ContactRepository.emailKey(r.email()))
                .stream().filter(o -> o.duplicateOf().filter(r.requestId()::equals).isPresent())
                .map(DataSubjectRequest::requestId).sorted().limit(MAX_DUPLICATES_NAMED).toList();
        audit.record(access(request), AuditAction.READ, target(r));
        Map<String, Object> body = RequestJson.of(r, clock.instant());
        if (!linked.isEmpty()) {
            body.put("duplicates", linked);
        }
        return ApiResponse.json(200, Json.write(body)).withHeader("etag", Preconditions.etag(r.version()));
    }

    ApiResponse verify(ApiRequest request) {
        JsonFields f = JsonFields.parse(body(request));
        Optional<String> note = requiredFreeText(f, "note", NOTE_MAX);
        f.finish();
        return move(request, r -> RequestLifecycle.verifyByStaff(r, request.caller().subject(), note.orElseThrow(),
                clock.instant()), r -> { });
    }

    ApiResponse extend(ApiRequest request) {
        JsonFields f = JsonFields.parse(body(request));
        Optional<Integer> months = f.requiredInt("months", 1, 2);
        Optional<String> reason = requiredFreeText(f, "reason", NOTE_MAX);
        f.finish();
        return move(request, r -> RequestLifecycle.extend(r, months.orElseThrow(), reason.orElseThrow(),
                request.caller().subject(), clock.instant()), r -> mailer.send(mails.extension(r)));
    }

    /** UNCLASSIFIED mail: staff set the type; a verified OBJECTION is then applied at once (stream). */
    ApiResponse classify(ApiRequest request) {
        JsonFields f = JsonFields.parse(body(request));
        Optional<RequestType> type = f.requiredEnum("type", RequestType.class);
        type.filter(t -> t == RequestType.UNCLASSIFIED).ifPresent(t -> f.error("type", "must be a concrete type"));
        f.finish();
        ApiResponse classified = move(request, r -> RequestLifecycle.classify(r, type.orElseThrow(),
                request.caller().subject(), clock.instant()), r -> { });
        // now that its type is known it may duplicate an open request of that type (issue 11)
        DataSubjectRequest linked = duplicates.link(load(request), access(request));
        return linked.duplicateOf().isPresent() ? answer(200, linked) : classified;
    }

    /**
     * Fulfils a verified request by its type, after staff approval (RequestFulfilments): ACCESS
     * stores the export and mails its single-use link; RECTIFICATION closes after the corrections
     * were applied by PATCH; ERASURE and RESTRICTION apply themselves. OBJECTION is applied on
     * verification (stream). Re-running a completion finishes what an earlier, interrupted run left
     * and mails nothing twice.
     */
    ApiResponse complete(ApiRequest request) {
        Optional<JsonFields> body = request.body().filter(b -> !b.isBlank()).map(JsonFields::parse);
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        // a RECTIFICATION's answer says what was corrected and what not, and why (issue 15; art. 12(4))
        Optional<RectificationOutcome> outcome = current.type() == RequestType.RECTIFICATION
                ? body.flatMap(RequestRoutes::rectificationOutcome) : Optional.empty();
        body.ifPresent(JsonFields::finish);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        Instant now = clock.instant();
        AuditLog.Access who = access(request);
        return answer(200, fulfilments.complete(current, who, now, outcome));
    }

    private static final int OUTCOME_ITEMS = 50;
    private static final int WHAT_MAX = 200;

    /** {@code {corrected: [what…], notCorrected: [{what, reason}…]}}: free text, guarded; a "what" is one line. */
    private static Optional<RectificationOutcome> rectificationOutcome(JsonFields f) {
        List<String> corrected = new ArrayList<>();
        List<String> given = f.optionalTextList("corrected", OUTCOME_ITEMS, WHAT_MAX);
        for (int i = 0; i < given.size(); i++) {
            oneLine(f, "corrected[" + i + "]", given.get(i)).ifPresent(corrected::add);
        }
        List<RectificationOutcome.NotCorrected> notCorrected = new ArrayList<>();
        for (JsonFields item : f.optionalObjectList("notCorrected", OUTCOME_ITEMS)) {
            Optional<String> what = item.requiredText("what", WHAT_MAX).flatMap(v -> oneLine(item, "what", v));
            Optional<String> reason = requiredFreeText(item, "reason", NOTE_MAX);
            if (what.isPresent() && reason.isPresent()) {
                notCorrected.add(new RectificationOutcome.NotCorrected(what.get(), reason.get()));
            }
        }
        RectificationOutcome outcome = new RectificationOutcome(corrected, notCorrected);
        return outcome.isEmpty() ? Optional.empty() : Optional.of(outcome);
    }

    private static Optional<String> oneLine(JsonFields f, String field, String value) {
        if (value.contains("\n") || value.contains("\r")) {
            f.error(field, "must be one line");
            return Optional.empty();
        }
        return guard(f, field, value);
    }

    /**
     * The register's current records with the request's address, for staff to set the requested
     * corrections (in the request's details) against the current values, and to see before an erasure
     * what it will delete and what a legal hold keeps (the erasure's own rule, ErasureHolds; the hold's
     * reason stays on the admin-only hold routes). Read and audited.
     */
    ApiResponse records(ApiRequest request) {
        DataSubjectRequest r = load(request);
        java.time.Instant now = clock.instant();
        String key = ContactRepository.emailKey(r.email());
        List<Map<String, Object>> contactRecords = new ArrayList<>();
        List<AuditTarget> read = new ArrayList<>();
        for (var c : contacts.withEmail(key)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("contactId", c.contactId());
            m.put("customerId", c.customerId());
            m.put("name", c.name());
            m.put("email", c.email());
            c.phone().ifPresent(p -> m.put("phone", p));
            m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
            m.put("source", c.source().name());
            m.put("restricted", c.isRestricted());
            erasureHolds.keeping(c, now).ifPresent(k -> m.put("legalHold", keeping(k)));
            contactRecords.add(m);
            read.add(new AuditTarget(TargetType.CONTACT, c.contactId()));
        }
        List<Map<String, Object>> customerRecords = new ArrayList<>();
        for (var c : customers.withEmail(key)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("customerId", c.customerId());
            m.put("name", c.name());
            m.put("businessId", c.businessId());
            m.put("email", c.email());
            m.put("phone", c.phone());
            erasureHolds.keeping(c, now).ifPresent(k -> m.put("legalHold", keeping(k)));
            customerRecords.add(m);
            read.add(new AuditTarget(TargetType.CUSTOMER, c.customerId()));
        }
        read.add(target(r));
        audit.record(access(request), AuditAction.READ, read);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("requestId", r.requestId());
        body.put("type", r.type().name());
        r.details().ifPresent(d -> body.put("details", d));
        body.put("contacts", contactRecords);
        body.put("customers", customerRecords);
        return ApiResponse.json(200, Json.write(body));
    }

    private static Map<String, Object> keeping(fi.dentalsystems.register.core.requests.ErasureHolds.Keeping k) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("on", k.on().name());
        m.put("holdsUntil", k.holdsUntil().toString());
        return m;
    }

    /** ACCESS: the export for staff to review before it is sent (JSON, docs/schemas/access-export.schema.json). */
    ApiResponse export(ApiRequest request) {
        DataSubjectRequest r = load(request);
        if (r.type() != RequestType.ACCESS) {
            throw new ProblemException(ProblemType.CONFLICT, "Only an ACCESS request has an export.");
        }
        if (r.verifiedAt().isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "The requester is not verified yet.");
        }
        String format = request.query("format").orElse("json");
        if (!format.equals("json") && !format.equals("html")) {
            throw ProblemException.invalidField("format", "must be json or html");
        }
        fi.dentalsystems.register.core.requests.AccessExport.Read exported = exports.read(r, clock.instant());
        Map<String, Object> export = exported.export();
        // staff reviewing the export read every record in it: each is audited (issue 14)
        java.util.List<fi.dentalsystems.register.core.audit.AuditTarget> read = new java.util.ArrayList<>(exported.records());
        read.add(target(r));
        audit.record(access(request), AuditAction.READ, read);
        // the review: the person's copy, and beside it what staff withheld and why (art. 15(4), decision 0018)
        if (!r.redactions().isEmpty() && format.equals("json")) {
            Map<String, Object> review = new java.util.LinkedHashMap<>(export);
            review.put("redactions", r.redactions().stream().map(RedactionRoutes::json).toList());
            return ApiResponse.json(200, Json.write(review));
        }
        if (format.equals("html")) {
            return new ApiResponse(200, Map.of("content-type", "text/html; charset=utf-8"),
                    Optional.of(fi.dentalsystems.register.core.requests.AccessExportHtml.render(export, r.language())));
        }
        return ApiResponse.json(200, Json.write(export));
    }

    /** Lifts a restriction (art. 18(3)); the requester is told the reason first. */
    ApiResponse lift(ApiRequest request) {
        JsonFields f = JsonFields.parse(body(request));
        Optional<String> reason = requiredFreeText(f, "reason", NOTE_MAX);
        f.finish();
        DataSubjectRequest current = load(request);
        return answer(200, fulfilments.restriction().lift(current, reason.orElseThrow(), access(request), clock.instant()));
    }

    /**
     * Rejects with a reason the requester is mailed. A duplicate (issue 11) may be rejected without
     * one: the reason is then "duplicate of …", and the mail names the earlier request, which goes on.
     * No other member of its group is touched.
     */
    ApiResponse reject(ApiRequest request) {
        JsonFields f = JsonFields.parse(request.body().filter(b -> !b.isBlank()).orElse("{}"));
        Optional<String> given = freeText(f, "reason", NOTE_MAX);
        DataSubjectRequest current = load(request);
        Optional<String> original = current.duplicateOf();
        if (given.isEmpty() && original.isEmpty() && !f.hasErrors()) {
            f.error("reason", "is required");
        }
        f.finish();
        String reason = given.orElseGet(() -> RequestLifecycle.DUPLICATE_REASON + original.orElseThrow());
        return move(request, r -> RequestLifecycle.reject(r, reason, request.caller().subject(), clock.instant()),
                r -> mailer.send(given.isEmpty() ? mails.duplicateRejection(r, original.orElseThrow())
                        : mails.rejection(r, reason)));
    }

    /** Applies a lifecycle move with optimistic locking; then audits it and sends its mail. */
    private ApiResponse move(ApiRequest request, UnaryOperator<DataSubjectRequest> change,
                             java.util.function.Consumer<DataSubjectRequest> afterwards) {
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        // a move the lifecycle refuses is a 409, a lost conditional write a 412 (ProblemMapping)
        DataSubjectRequest saved = requests.update(change.apply(current));
        audit.record(access(request), AuditAction.UPDATE, target(saved));
        afterwards.accept(saved);
        return answer(200, saved);
    }

    private DataSubjectRequest load(ApiRequest request) {
        String id = request.pathParameter("requestId");
        if (!Ulid.isId(id, DataSubjectRequest.ID_PREFIX)) {
            throw ProblemException.notFound("request");
        }
        return requests.find(id).orElseThrow(() -> ProblemException.notFound("request"));
    }

    private static Optional<String> freeText(JsonFields f, String field, int max) {
        return f.optionalText(field, max).flatMap(v -> guard(f, field, v));
    }

    private static Optional<String> requiredFreeText(JsonFields f, String field, int max) {
        return f.requiredText(field, max).flatMap(v -> guard(f, field, v));
    }

    private static Optional<String> guard(JsonFields f, String field, String value) {
        var finding = FreeTextGuard.check(value);
        finding.ifPresent(s -> f.error(field, s.message()));
        return finding.isPresent() ? Optional.empty() : Optional.of(value);
    }

    private static String body(ApiRequest request) {
        return request.body().orElseThrow(() -> ProblemException.invalidField("body", "is required"));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private ApiResponse answer(int status, DataSubjectRequest r) {
        return ApiResponse.json(status, Json.write(RequestJson.of(r, clock.instant())))
                .withHeader("etag", Preconditions.etag(r.version()));
    }

    private static AuditTarget target(DataSubjectRequest r) {
        return new AuditTarget(TargetType.REQUEST, r.requestId());
    }

    private static AuditLog.Access access(ApiRequest request) {
        return new AuditLog.Access(request.caller(), request.routeKey(), request.requestId(),
                Purpose.ADMINISTRATION.code());
    }
}
