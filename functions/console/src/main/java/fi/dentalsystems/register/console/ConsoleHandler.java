package fi.dentalsystems.register.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.http.Route;
import org.crac.Core;
import org.crac.Resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda entry point of the staff console: serves its static pages and ES modules under
 * /console/ from the jar (decision 0014). No route here reads or writes the register: the
 * console is a client of the staff API with the signed-in user's own token.
 */
public final class ConsoleHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiFunction, Resource {
    private final HttpApiAdapter api;

    /** In Lambda: the sign-in settings from the function's environment (template.yaml). */
    public ConsoleHandler() {
        this(System.getenv());
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    /** Locally and in tests, as every handler is built. */
    public ConsoleHandler(HandlerSetup setup) {
        this(setup.variables());
    }

    ConsoleHandler(Map<String, String> variables) {
        ConsoleAssets assets = new ConsoleAssets(SignInSettings.from(variables));
        this.api = new HttpApiAdapter(List.of(
                new Route("GET /console", Set.of(), request -> assets.entry()),
                new Route("GET /console/{asset}", Set.of(), request -> assets.asset(request.pathParameter("asset")))),
                0);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    @Override
    public Set<String> routeKeys() {
        return api.routeKeys();
    }

    /** SnapStart priming: the entry page from the jar; the console reads and writes nothing (decision 0019). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.http(api, "GET /console");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh
    }
}
