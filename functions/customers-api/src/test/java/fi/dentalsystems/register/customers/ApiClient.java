package fi.dentalsystems.register.customers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.OpenApiContract;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Calls the handler the way API Gateway would, and checks every exchange against
 * openapi.yaml, so the published contract cannot drift from what the code answers.
 */
final class ApiClient {
    static final String STAFF = "register-staff";
    static final String ADMIN = "register-admin";
    static final String PROCESSOR = "register-processor";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CustomersApiHandler handler;

    ApiClient(CustomersApiHandler handler) {
        this.handler = handler;
    }

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("answer is not JSON", e);
            }
        }

        String header(String name) {
            return headers.get(name);
        }

        String text(String field) {
            return json().path(field).asText();
        }
    }

    Answer call(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        HttpApiEvents.Builder builder = request.apply(HttpApiEvents.request(method, routePath));
        APIGatewayV2HTTPEvent event = builder.build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        OpenApiContract.load().assertConforms(method, routePath, response.getStatusCode(), headers,
                event.getHeaders() == null ? null : event.getHeaders().get("content-type"),
                event.getBody(), response.getBody());
        return new Answer(response.getStatusCode(), headers, response.getBody());
    }

    Answer asStaff(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        return call(method, routePath, b -> request.apply(b.caller("staff-user-1", STAFF)));
    }

    Answer asAdmin(String method, String routePath, UnaryOperator<HttpApiEvents.Builder> request) {
        return call(method, routePath, b -> request.apply(b.caller("admin-user-1", ADMIN)));
    }
}
