package fi.dentalsystems.register.core.http;

import java.util.Set;

/** One API route: its key as API Gateway names it ("GET /customers/{customerId}"), who may call it, what it does. */
public record Route(String routeKey, Set<StaffGroup> allowedGroups, RouteHandler handler) {

    public Route {
        allowedGroups = Set.copyOf(allowedGroups);
    }

    /** The body of a route: request in, response out; throws {@link ProblemException} for 4xx. */
    @FunctionalInterface
    public interface RouteHandler {
        ApiResponse handle(ApiRequest request);
    }
}
