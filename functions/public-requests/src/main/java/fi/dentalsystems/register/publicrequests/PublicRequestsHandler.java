package fi.dentalsystems.register.publicrequests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.exports.S3ExportStore;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.http.Route;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.notice.PrivacyNotice;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lambda entry point of the public routes: the request form, its submission, the verification
 * link and the single-use access-export link. No authentication; API Gateway throttles these
 * routes and the body is limited to 16 KiB. The function may write requests and audit items, send mail, and read and
 * delete exports.
 */
public final class PublicRequestsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiFunction, Resource {
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Register register;
    private final HttpApiAdapter api;

    public PublicRequestsHandler() {
        this(HandlerSetup.fromEnvironment(SesMailer.fromEnvironment()), S3ExportStore.fromEnvironment());
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    /** Locally and in tests: exports are files under {@code EXPORT_FOLDER} (default .local/exports). */
    public PublicRequestsHandler(HandlerSetup setup) {
        this(setup, new FolderExportStore(Path.of(setup.variable("EXPORT_FOLDER").orElse(".local/exports"))));
    }

    public PublicRequestsHandler(HandlerSetup setup, ExportStore exportStore) {
        Register register = new Register(setup);
        this.register = register;
        PublicRequestRoutes routes = new PublicRequestRoutes(register.requests(), register.audit(), register.mailer(),
                register.mails(), register.clock(), register.requiredVariable("PUBLIC_BASE_URL"), exportStore,
                register.duplicates());
        PrivacyNoticeRoute notice = new PrivacyNoticeRoute(new PrivacyNotice(register.description()));
        this.api = new HttpApiAdapter(List.of(
                new Route("GET /form", Set.of(), routes::form),
                new Route("GET /privacy-notice", Set.of(), notice::get),
                new Route("POST /public/requests", Set.of(), Set.of(Route.JSON, Route.FORM), routes::submit),
                new Route("GET /public/verify", Set.of(), routes::verifyPage),
                new Route("POST /public/verify", Set.of(), Set.of(Route.FORM, Route.JSON), routes::verify),
                new Route("GET /public/exports/{token}", Set.of(), routes::exportReady),
                new Route("POST /public/exports/{token}", Set.of(), Set.of(Route.FORM, Route.JSON), routes::export)),
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
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS));
        Priming.http(api, "GET /form", "GET /privacy-notice");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
