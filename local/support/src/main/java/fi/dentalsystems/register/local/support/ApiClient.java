package fi.dentalsystems.register.local.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Calls an HTTP API handler the way API Gateway would, and checks every exchange against
 * openapi.yaml, so the published contract cannot drift from what the code answers.
 */
public final class ApiClient {
    public static final String STAFF = "register-staff";
    public static final String ADMIN = "register-admin";
    /** The Cognito group of a configured processor's users: register-processor-&lt;id&gt;. */
    public static String processorGroup(String processorId) {
        return "register-processor-" + processorId;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    public ApiClient(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = handler;
    }

    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("answer is not JSON", e);
            }
        }

        public String header(String name) {
            return headers.get(name);
        }

        public String text(String field) {
            return json().path(field).asText();
        }
    }

    public Answer call(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        HttpApiEvents.Builder builder = request.apply(HttpApiEvents.request(method, routePath));
        APIGatewayV2HTTPEvent event = builder.build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        OpenApiContract.load().assertConforms(method, routePath, response.getStatusCode(), headers,
                event.getHeaders() == null ? null : event.getHeaders().get("content-type"),
                event.getBody(), response.getBody());
        return new Answer(response.getStatusCode(), headers, response.getBody());
    }

    public Answer asStaff(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        return call(method, routePath, b -> request.apply(b.caller("staff-user-1", STAFF)));
    }

    public Answer asAdmin(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        return call(method, routePath, b -> request.apply(b.caller("admin-user-1", ADMIN)));
    }

    /** As a user of the configured processor with this id (its Cognito group only, as Cognito issues it). */
    public Answer asProcessor(String processorId, String method, String routePath,
                              UnaryOperator<HttpApiEvents.Builder> request) {
        return call(method, routePath, b -> request.apply(b.caller(processorId + "-user-1", processorGroup(processorId))));
    }
}
