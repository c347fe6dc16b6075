package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.store.PurgeReports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GET /purge/reports?from=&to= (register-admin only): what the retention purge deleted, minimised, kept
 * under a legal hold or left for the next run, run by run, for UTC days from..to (inclusive; default the
 * last 7 days to today; at most {@value PurgeReports#MAX_DAYS}). Ids and counts only, from the Jobs table:
 * no personal data is read, so no audit entry is written (decision 0007; the run's own PURGE_RUN audit
 * entry carries the same counts).
 */
final class PurgeReportRoutes {
    private final Register register;

    PurgeReportRoutes(Register register) {
        this.register = register;
    }

    ApiResponse list(ApiRequest request) {
        LocalDate today = LocalDate.ofInstant(register.clock().instant(), ZoneOffset.UTC);
        LocalDate to = day(request, "to").orElse(today);
        LocalDate from = day(request, "from").orElse(to.minusDays(6));
        if (from.isAfter(to)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= PurgeReports.MAX_DAYS) {
            throw ProblemException.invalidField("from", "the range may span at most " + PurgeReports.MAX_DAYS + " days");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("items", register.purgeReports().between(from, to).stream().map(PurgeReportRoutes::report).toList());
        return ApiResponse.json(200, Json.write(body));
    }

    private static Map<String, Object> report(PurgeReports.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("ranAt", r.ranAt().toString());
        m.put("dryRun", r.dryRun());
        m.put("complete", r.complete());
        m.put("deleted", r.deleted());
        m.put("minimised", r.minimised());
        m.put("held", r.held());
        m.put("kept", r.kept());
        m.put("errors", r.errors());
        m.put("counts", new LinkedHashMap<>(r.counts()));
        return m;
    }

    private static Optional<LocalDate> day(ApiRequest request, String field) {
        return request.query(field).map(v -> {
            try {
                if (v.length() != 10) {
                    throw new DateTimeParseException("not a day", v, 0);
                }
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(field, "must be a date (YYYY-MM-DD)");
            }
        });
    }
}
