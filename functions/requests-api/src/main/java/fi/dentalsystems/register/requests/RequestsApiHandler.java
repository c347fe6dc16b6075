package fi.dentalsystems.register.requests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.StaffGroup;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.exports.S3ExportStore;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.http.LegalHoldRoutes;
import fi.dentalsystems.register.core.http.Route;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Lambda entry point of the staff side of data-subject requests. */
public final class RequestsApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiFunction, Resource {
    private static final Set<StaffGroup> STAFF = Set.of(StaffGroup.ADMIN, StaffGroup.STAFF);
    private static final Set<StaffGroup> ADMIN = Set.of(StaffGroup.ADMIN);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Register register;
    private final HttpApiAdapter api;

    public RequestsApiHandler() {
        this(HandlerSetup.fromEnvironment(SesMailer.fromEnvironment()), S3ExportStore.fromEnvironment());
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    /** Locally and in tests: exports are files under {@code EXPORT_FOLDER} (default .local/exports). */
    public RequestsApiHandler(HandlerSetup setup) {
        this(setup, new FolderExportStore(Path.of(setup.variable("EXPORT_FOLDER").orElse(".local/exports"))));
    }

    public RequestsApiHandler(HandlerSetup setup, ExportStore exportStore) {
        Register register = new Register(setup);
        this.register = register;
        String publicBaseUrl = register.requiredVariable("PUBLIC_BASE_URL");
        RequestRoutes routes = new RequestRoutes(register, register.requestFulfilments(exportStore, publicBaseUrl),
                register.accessExport(), publicBaseUrl);
        RedactionRoutes redactions = new RedactionRoutes(register, register.accessExport());
        FollowUpRoutes followUp = new FollowUpRoutes(register, register.exportResend(exportStore, publicBaseUrl));
        LegalHoldRoutes holds = new LegalHoldRoutes(HoldTarget.REQUEST, "requestId", register.holds(), register.audit(),
                register.clock());
        this.api = new HttpApiAdapter(List.of(
                new Route("POST /requests", STAFF, routes::create),
                new Route("GET /requests", STAFF, routes::list),
                new Route("GET /requests/{requestId}", STAFF, routes::get),
                new Route("POST /requests/{requestId}/verify", STAFF, routes::verify),
                new Route("POST /requests/{requestId}/extend", STAFF, routes::extend),
                new Route("POST /requests/{requestId}/classify", STAFF, routes::classify),
                new Route("POST /requests/{requestId}/complete", STAFF, routes::complete),
                new Route("POST /requests/{requestId}/lift", STAFF, routes::lift),
                new Route("GET /requests/{requestId}/records", STAFF, routes::records),
                new Route("GET /requests/{requestId}/export", STAFF, routes::export),
                new Route("POST /requests/{requestId}/export/redactions", STAFF, redactions::redact),
                new Route("DELETE /requests/{requestId}/export/redactions/{redactionId}", STAFF, redactions::undo),
                new Route("POST /requests/{requestId}/reject", STAFF, routes::reject),
                new Route("POST /requests/{requestId}/export/resend", STAFF, followUp::resendExport),
                new Route("PATCH /requests/{requestId}/letter", STAFF, followUp::letter),
                new Route("POST /requests/{requestId}/letter/destroyed", STAFF, followUp::letterDestroyed),
                new Route("GET /requests/{requestId}/hold", ADMIN, holds::get),
                new Route("PUT /requests/{requestId}/hold", ADMIN, holds::put),
                new Route("DELETE /requests/{requestId}/hold", ADMIN, holds::delete)),
                MAX_BODY_BYTES);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    @Override
    public Set<String> routeKeys() {
        return api.routeKeys();
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS, RegisterTable.CUSTOMERS, RegisterTable.CONTACTS));
        Priming.http(api);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
