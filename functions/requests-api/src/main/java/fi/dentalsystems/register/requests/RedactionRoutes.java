package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.Redaction;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Preconditions;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.requests.AccessExport;
import fi.dentalsystems.register.core.requests.RedactedCopy;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Redaction before release (GDPR art. 15(4); decision 0018): staff withhold an item of an ACCESS
 * request's copy, or replace a passage of a history summary, and undo it, until the export is stored
 * for sending (RequestLifecycle.redact). The reason is free text, guarded like all free text; it is
 * stored on the request and shown to staff only, never logged, never in a problem's detail.
 */
final class RedactionRoutes {
    private static final int REASON_MAX = 2000;
    private static final int PASSAGE_MAX = 500;
    /** A contact, history entry or organisation id: the items a copy may withhold (RedactedCopy). */
    static final Pattern ITEM_ID = Pattern.compile("^(con|his|cus)_[0-9A-HJKMNP-TV-Z]{26}$");

    private final RequestRepository requests;
    private final AccessExport exports;
    private final AuditLog audit;
    private final Clock clock;

    RedactionRoutes(Register register, AccessExport exports) {
        this.requests = register.requests();
        this.audit = register.audit();
        this.clock = register.clock();
        this.exports = exports;
    }

    ApiResponse redact(ApiRequest request) {
        JsonFields f = JsonFields.parse(request.body().orElseThrow(() -> ProblemException.invalidField("body",
                "is required")));
        Optional<String> itemId = f.requiredParsed("itemId", 40, v -> Optional.of(v).filter(ITEM_ID.asMatchPredicate()),
                "must be the id of a contact (con_…), history entry (his_…) or organisation (cus_…) in the export");
        Optional<String> passage = f.optionalText("passage", PASSAGE_MAX).flatMap(v -> guard(f, "passage", v));
        Optional<String> reason = f.requiredText("reason", REASON_MAX).flatMap(v -> guard(f, "reason", v));
        f.finish();
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        RequestLifecycle.requireRedactable(current);

        // judged against the whole export, as the person's copy would be without any redaction
        Instant now = clock.instant();
        AccessExport.Read whole = exports.whole(current, now);
        List<AuditTarget> read = new ArrayList<>(whole.records());
        read.add(target(current));
        audit.record(access(request), AuditAction.READ, read);
        var item = RedactedCopy.item(whole.export(), itemId.orElseThrow()).orElseThrow(() -> ProblemException
                .invalidField("itemId", "is not a contact, history entry or organisation in this request's export"));
        if (passage.isPresent()) {
            if (!item.getKey().equals("customerHistory")) {
                throw ProblemException.invalidField("passage", "only a history entry's summary has passages; "
                        + "leave it out to withhold the whole item");
            }
            if (!String.valueOf(item.getValue().get("summary")).contains(passage.get())) {
                throw ProblemException.invalidField("passage", "does not occur in the entry's summary");
            }
        }
        Redaction redaction = new Redaction(Redaction.ID_PREFIX + Ulid.next(now), itemId.get(), passage,
                reason.orElseThrow(), request.caller().subject(), now);
        DataSubjectRequest saved = requests.update(RequestLifecycle.redact(current, redaction));
        audit.record(access(request), AuditAction.UPDATE, target(saved));
        return ApiResponse.json(201, Json.write(json(redaction)))
                .withHeader("location", "/requests/" + saved.requestId() + "/export/redactions/" + redaction.redactionId())
                .withHeader("etag", Preconditions.etag(saved.version()));
    }

    ApiResponse undo(ApiRequest request) {
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        String id = request.pathParameter("redactionId");
        if (!Ulid.isId(id, Redaction.ID_PREFIX) || current.redactions().stream().noneMatch(r -> r.redactionId().equals(id))) {
            throw ProblemException.notFound("redaction");
        }
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        DataSubjectRequest saved = requests.update(RequestLifecycle.undoRedaction(current, id));
        audit.record(access(request), AuditAction.UPDATE, target(saved));
        return ApiResponse.noContent().withHeader("etag", Preconditions.etag(saved.version()));
    }

    /** A redaction as staff see it: in the review (the export preview) and in the answer to its POST. */
    static Map<String, Object> json(Redaction r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("redactionId", r.redactionId());
        m.put("itemId", r.itemId());
        r.passage().ifPresent(p -> m.put("passage", p));
        m.put("reason", r.reason());
        m.put("redactedBy", r.by());
        m.put("redactedAt", r.at().toString());
        return m;
    }

    private DataSubjectRequest load(ApiRequest request) {
        String id = request.pathParameter("requestId");
        if (!Ulid.isId(id, DataSubjectRequest.ID_PREFIX)) {
            throw ProblemException.notFound("request");
        }
        return requests.find(id).orElseThrow(() -> ProblemException.notFound("request"));
    }

    private static Optional<String> guard(JsonFields f, String field, String value) {
        var finding = FreeTextGuard.check(value);
        finding.ifPresent(s -> f.error(field, s.message()));
        return finding.isPresent() ? Optional.empty() : Optional.of(value);
    }

    private static AuditTarget target(DataSubjectRequest r) {
        return new AuditTarget(TargetType.REQUEST, r.requestId());
    }

    private static AuditLog.Access access(ApiRequest request) {
        return new AuditLog.Access(request.caller(), request.routeKey(), request.requestId(),
                Purpose.ADMINISTRATION.code());
    }
}
