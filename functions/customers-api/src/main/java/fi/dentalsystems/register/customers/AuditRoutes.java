package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.Paging;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.store.Page;

/** The audit trail of one item, for administrators. Holds ids only, so reading it is not itself audited. */
final class AuditRoutes {
    private final Register register;

    AuditRoutes(Register register) {
        this.register = register;
    }

    ApiResponse forTarget(ApiRequest request) {
        Paging paging = Paging.of(request);
        String targetId = request.query("targetId")
                .orElseThrow(() -> ProblemException.invalidField("targetId", "is required"));
        if (targetId.length() > 120) {
            throw ProblemException.invalidField("targetId", "must be at most 120 characters");
        }
        Page<AuditEntry> page = register.audit().forTarget(targetId, paging.limit(), paging.cursor());
        return ApiResponse.json(200, Json.write(Representations.page(page, Representations::auditEntry)));
    }

    /** The API verifies at most this many days per call; ./dev audit-verify any range. */
    static final int MAX_DAYS = 31;

    /**
     * GET /audit/integrity?from=&to= (UTC days, inclusive; default the last 7 days to today): every
     * writer chain of the range recomputed and checked against its anchors and digests (decision 0012).
     */
    ApiResponse integrity(ApiRequest request) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(register.clock().instant(), java.time.ZoneOffset.UTC);
        java.time.LocalDate to = day(request, "to").orElse(today);
        java.time.LocalDate from = day(request, "from").orElse(to.minusDays(6));
        if (from.isAfter(to)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        if (to.isAfter(today)) {
            throw ProblemException.invalidField("to", "must not be after today");
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.invalidField("from", "the range may span at most " + MAX_DAYS + " days");
        }
        fi.dentalsystems.register.core.audit.AuditVerifier.Result result =
                register.auditVerifier().verify(from, to, register.clock().instant());
        return ApiResponse.json(200, Json.write(Representations.integrity(result)));
    }

    private static java.util.Optional<java.time.LocalDate> day(ApiRequest request, String field) {
        return request.query(field).map(v -> {
            try {
                return java.time.LocalDate.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidField(field, "must be a date (YYYY-MM-DD)");
            }
        });
    }
}
