package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** events/ holds a realistic API Gateway event for every route, and each one runs through its handler. */
class SampleEventsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> eventsByRouteKey() throws IOException {
        Map<String, JsonNode> events = new HashMap<>();
        try (Stream<Path> files = Files.walk(RepositoryRoot.find().resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (event.path("version").asText().equals("2.0")) {
                    events.put(event.path("routeKey").asText(), event);
                }
            }
        }
        return events;
    }

    @Test
    void everyRouteHasASampleEventThatItsHandlerAnswersWithoutFault() throws IOException {
        Map<String, JsonNode> events = eventsByRouteKey();
        SamTemplate template = SamTemplate.load();
        List<LocalApi.Binding> bindings = LocalApi.bind(template, ENGINE.client(), ENGINE.tableNamesByLogicalId(),
                Clock.systemUTC());
        assertThat(bindings).isNotEmpty();
        for (LocalApi.Binding binding : bindings) {
            String routeKey = binding.route().routeKey();
            JsonNode sample = events.get(routeKey);
            assertThat(sample).as("a sample event in events/ for " + routeKey).isNotNull();
            assertThat(sample.path("requestContext").path("routeKey").asText()).isEqualTo(routeKey);
            assertThat(sample.path("requestContext").path("http").path("method").asText())
                    .isEqualTo(binding.route().method());

            HttpApiEvents.Builder event = HttpApiEvents.request(binding.route().method(), binding.route().path());
            sample.path("pathParameters").fields().forEachRemaining(e -> event.path(e.getKey(), e.getValue().asText()));
            sample.path("queryStringParameters").fields().forEachRemaining(e -> event.query(e.getKey(), e.getValue().asText()));
            sample.path("headers").fields().forEachRemaining(e -> event.header(e.getKey(), e.getValue().asText()));
            Map<String, String> claims = new HashMap<>();
            sample.path("requestContext").path("authorizer").path("jwt").path("claims").fields()
                    .forEachRemaining(e -> claims.put(e.getKey(), e.getValue().asText()));
            if (binding.route().authorized()) {
                assertThat(claims).as(routeKey + " carries the authorizer's claims").containsKeys("sub", "cognito:groups");
                event.claims(claims);
            } else {
                assertThat(claims).as(routeKey + " is public: no authorizer runs").isEmpty();
            }
            if (sample.hasNonNull("body")) {
                event.rawBody(sample.path("body").asText(), sample.path("isBase64Encoded").asBoolean());
            }
            APIGatewayV2HTTPResponse response = binding.handler().handleRequest(event.build(), null);
            assertThat(response.getStatusCode()).as(routeKey + " answers its sample without a fault")
                    .isNotIn(400, 401, 403, 413, 415, 428, 500);
        }
    }
}
