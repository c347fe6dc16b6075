package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.StaffGroup;
import java.util.Set;

/**
 * One API route: its key as API Gateway names it ("GET /customers/{customerId}"), who may call it,
 * whether and how a contracted processor may ({@link ProcessorAccess}), what it does.
 */
public record Route(String routeKey, Set<StaffGroup> allowedGroups, ProcessorAccess processors, Set<String> mediaTypes,
                    RouteHandler handler) {
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    public Route {
        allowedGroups = Set.copyOf(allowedGroups);
        mediaTypes = Set.copyOf(mediaTypes);
    }

    /** A route no processor may call. */
    public Route(String routeKey, Set<StaffGroup> allowedGroups, Set<String> mediaTypes, RouteHandler handler) {
        this(routeKey, allowedGroups, ProcessorAccess.NONE, mediaTypes, handler);
    }

    /** A route whose body, if any, is JSON. An empty group set means a public route. */
    public Route(String routeKey, Set<StaffGroup> allowedGroups, RouteHandler handler) {
        this(routeKey, allowedGroups, ProcessorAccess.NONE, Set.of(JSON), handler);
    }

    /** A JSON route that processors may call as {@code processors} says. */
    public Route(String routeKey, Set<StaffGroup> allowedGroups, ProcessorAccess processors, RouteHandler handler) {
        this(routeKey, allowedGroups, processors, Set.of(JSON), handler);
    }

    /** The body of a route: request in, response out; throws {@link ProblemException} for 4xx. */
    @FunctionalInterface
    public interface RouteHandler {
        ApiResponse handle(ApiRequest request);
    }
}
