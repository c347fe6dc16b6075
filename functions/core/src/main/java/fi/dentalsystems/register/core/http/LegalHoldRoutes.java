package fi.dentalsystems.register.core.http;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET · PUT · DELETE /…/{id}/hold}: the legal hold of a customer, a contact or a request
 * (admins only). A hold runs to the end of the given day, Helsinki time, and blocks the purge of
 * the item and of what hangs under it. Every change and every read is audited.
 */
public final class LegalHoldRoutes {
    public static final String PURPOSE = "legal-hold";
    private static final int REASON_MAX = 500;
    private static final int LONGEST_YEARS = 20;

    private final HoldTarget target;
    private final String pathParameter;
    private final LegalHolds holds;
    private final AuditLog audit;
    private final Clock clock;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public LegalHoldRoutes(HoldTarget target, String pathParameter, LegalHolds holds, AuditLog audit, Clock clock) {
        this.target = target;
        this.pathParameter = pathParameter;
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
    }

    public ApiResponse get(ApiRequest request) {
        String id = id(request);
        LegalHold hold = holds.find(target, id)
                .orElseThrow(() -> ProblemException.notFound("legal hold"));
        audit.record(access(request), AuditAction.READ, auditTarget(id));
        return ApiResponse.json(200, Json.write(representation(id, hold)));
    }

    public ApiResponse put(ApiRequest request) {
        String id = id(request);
        JsonFields f = JsonFields.parse(request.body().orElseThrow(() -> ProblemException.invalidField("body", "is required")));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, RetentionPolicy.HELSINKI);
        Optional<LocalDate> until = f.requiredParsed("until", 10, LegalHoldRoutes::date, "must be a date (yyyy-MM-dd)");
        until.ifPresent(d -> {
            if (d.isBefore(today)) {
                f.error("until", "must not be in the past");
            } else if (d.isAfter(today.plusYears(LONGEST_YEARS))) {
                f.error("until", "must be at most " + LONGEST_YEARS + " years ahead");
            }
        });
        Optional<String> reason = f.requiredText("reason", REASON_MAX).flatMap(text -> {
            var finding = FreeTextGuard.check(text);
            finding.ifPresent(found -> f.error("reason", found.message()));
            return finding.isPresent() ? Optional.empty() : Optional.of(text);
        });
        f.finish();
        LegalHold hold = new LegalHold(until.orElseThrow().plusDays(1).atStartOfDay(RetentionPolicy.HELSINKI).toInstant(),
                reason.orElseThrow(), request.caller().subject(), now);
        // audit first: a crash after it repeats an audit entry, never leaves a hold unrecorded
        audit.record(access(request), AuditAction.UPDATE, auditTarget(id));
        if (!holds.place(target, id, hold)) {
            throw ProblemException.notFound(target.name().toLowerCase(java.util.Locale.ROOT));
        }
        return ApiResponse.json(200, Json.write(representation(id, hold)));
    }

    public ApiResponse delete(ApiRequest request) {
        String id = id(request);
        audit.record(access(request), AuditAction.UPDATE, auditTarget(id));
        if (!holds.lift(target, id, clock.instant())) {
            throw ProblemException.notFound(target.name().toLowerCase(java.util.Locale.ROOT));
        }
        return ApiResponse.noContent();
    }

    private String id(ApiRequest request) {
        String id = request.pathParameter(pathParameter);
        if (!Ulid.isId(id, target.idPrefix())) {
            throw ProblemException.notFound(target.name().toLowerCase(java.util.Locale.ROOT));
        }
        return id;
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> representation(String id, LegalHold hold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetType", target.name());
        m.put("targetId", id);
        m.put("until", LocalDate.ofInstant(hold.until().minusSeconds(1), RetentionPolicy.HELSINKI).toString());
        m.put("holdsUntil", hold.until().toString());
        m.put("reason", hold.reason());
        m.put("placedBy", hold.placedBy());
        m.put("placedAt", hold.placedAt().toString());
        m.put("active", hold.isActive(clock.instant()));
        return m;
    }

    private AuditLog.Access access(ApiRequest request) {
        return new AuditLog.Access(request.caller(), request.routeKey(), request.requestId(), PURPOSE);
    }

    private AuditTarget auditTarget(String id) {
        return new AuditTarget(target.auditType(), id);
    }
}
