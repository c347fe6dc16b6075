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
}
