package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.Caller;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a route handler sees of an HTTP API call, independent of the Lambda event classes.
 * Header names are lower-case (API Gateway v2 lower-cases them too).
 */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        Optional<String> body,
        Caller caller,
        String requestId) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
