package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.Preconditions;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.requests.ExportResend;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.util.Optional;

/**
 * What follows a request's answer (issue 15): a fresh export link when the first lapsed or was
 * spent by mistake, and the paper original of a letter — where it is kept, and that it was
 * shredded (seed §9). Every move is a conditional write and an audit item.
 */
final class FollowUpRoutes {
    /** A place, on one line: "Helsinki office, locked cabinet 2, folder 2026-12". */
    static final int LOCATION_MAX = 200;

    private final RequestRepository requests;
    private final AuditLog audit;
    private final Clock clock;
    private final ExportResend resend;

    FollowUpRoutes(Register register, ExportResend resend) {
        this.requests = register.requests();
        this.audit = register.audit();
        this.clock = register.clock();
        this.resend = resend;
    }

    /** {@code POST /requests/{requestId}/export/resend}: no body; 409 past the limit or before the answer went. */
    ApiResponse resendExport(ApiRequest request) {
        request.body().filter(b -> !b.isBlank()).map(JsonFields::parse).ifPresent(JsonFields::finish);
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        return answer(resend.resend(current, access(request), clock.instant()));
    }

    /** {@code PATCH /requests/{requestId}/letter} {@code {location}}: where the original is kept now. */
    ApiResponse letter(ApiRequest request) {
        JsonFields f = JsonFields.parse(request.body().orElseThrow(() -> ProblemException.invalidField("body", "is required")));
        Optional<String> location = location(f, "location", true);
        f.finish();
        return move(request, r -> RequestLifecycle.letterKept(r, location.orElseThrow(), request.caller().subject(),
                clock.instant()));
    }

    /** {@code POST /requests/{requestId}/letter/destroyed}: the original was shredded; a repeat changes nothing. */
    ApiResponse letterDestroyed(ApiRequest request) {
        request.body().filter(b -> !b.isBlank()).map(JsonFields::parse).ifPresent(JsonFields::finish);
        return move(request, r -> RequestLifecycle.letterDestroyed(r, request.caller().subject(), clock.instant()));
    }

    /**
     * The letter's place: free text on one line, refused if it holds an identity code or a card number
     * (FreeTextGuard, as all free text), since it is kept after the request is reduced to evidence.
     */
    static Optional<String> location(JsonFields f, String field, boolean required) {
        Optional<String> given = required ? f.requiredText(field, LOCATION_MAX) : f.optionalText(field, LOCATION_MAX);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String value = given.get().strip();
        if (value.isEmpty()) {
            f.error(field, "must not be blank");
            return Optional.empty();
        }
        if (value.contains("\n") || value.contains("\r")) {
            f.error(field, "must be one line");
            return Optional.empty();
        }
        var finding = FreeTextGuard.check(value);
        finding.ifPresent(s -> f.error(field, s.message()));
        return finding.isPresent() ? Optional.empty() : Optional.of(value);
    }

    private ApiResponse move(ApiRequest request, java.util.function.UnaryOperator<DataSubjectRequest> change) {
        Optional<Long> expected = Preconditions.optionalIfMatch(request);
        DataSubjectRequest current = load(request);
        expected.ifPresent(v -> Preconditions.check(v, current.version()));
        DataSubjectRequest changed = change.apply(current);
        if (changed == current) {
            // nothing to record (the shredding was recorded before): answered as it is, still audited as read
            audit.record(access(request), AuditAction.READ, target(current));
            return answer(current);
        }
        audit.record(access(request), AuditAction.UPDATE, target(current));
        return answer(requests.update(changed));
    }

    private DataSubjectRequest load(ApiRequest request) {
        String id = request.pathParameter("requestId");
        if (!Ulid.isId(id, DataSubjectRequest.ID_PREFIX)) {
            throw ProblemException.notFound("request");
        }
        return requests.find(id).orElseThrow(() -> ProblemException.notFound("request"));
    }

    private ApiResponse answer(DataSubjectRequest r) {
        return ApiResponse.json(200, Json.write(RequestJson.of(r, clock.instant())))
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
