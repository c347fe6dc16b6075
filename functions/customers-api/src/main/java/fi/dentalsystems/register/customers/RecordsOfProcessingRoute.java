package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.notice.RecordsOfProcessing;
import fi.dentalsystems.register.core.notice.RegisterDescription;

import java.util.function.Supplier;

/**
 * {@code GET /records-of-processing} (admins): the record of processing activities of GDPR
 * art. 30, generated from the declarations the privacy notice uses. It holds no data subject's
 * data, so reading it is not an audited access. The description is read on first use, so the
 * other routes' cold start does not pay for it.
 */
final class RecordsOfProcessingRoute {
    private final Supplier<RegisterDescription> description;
    private volatile RecordsOfProcessing record;

    RecordsOfProcessingRoute(Supplier<RegisterDescription> description) {
        this.description = description;
    }

    ApiResponse get(ApiRequest request) {
        RecordsOfProcessing r = record;
        if (r == null) {
            r = new RecordsOfProcessing(description.get());
            record = r;
        }
        return ApiResponse.json(200, Json.write(r.content()));
    }
}
