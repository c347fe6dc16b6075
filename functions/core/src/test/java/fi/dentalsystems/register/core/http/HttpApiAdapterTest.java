package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.StaffGroup;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiAdapterTest {
    private final HttpApiAdapter adapter = new HttpApiAdapter(List.of(
            new Route("GET /things", Set.of(StaffGroup.STAFF), r -> ApiResponse.json(200, "{\"ok\":true}")),
            new Route("POST /things", Set.of(StaffGroup.STAFF), r -> ApiResponse.json(201, r.body().orElseThrow())),
            new Route("GET /boom", Set.of(StaffGroup.STAFF), r -> {
                throw new IllegalStateException("secret-value-in-message");
            })), 100);

    private static APIGatewayV2HTTPEvent event(String routeKey, String groups, String body, String contentType) {
        var claims = groups == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", "u1", "cognito:groups", groups)).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withBody(body)
                .withHeaders(contentType == null ? Map.of() : Map.of("Content-Type", contentType))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r1")
                        .withAuthorizer(claims).build()).build();
    }

    @Test
    void groupsClaimIsReadInEveryShapeApiGatewayUses() {
        assertThat(HttpApiAdapter.groupNames("[register-staff register-admin]"))
                .containsExactly("register-staff", "register-admin");
        assertThat(HttpApiAdapter.groupNames("[\"register-staff\",\"register-admin\"]"))
                .containsExactly("register-staff", "register-admin");
        assertThat(HttpApiAdapter.groupNames("register-staff")).containsExactly("register-staff");
        assertThat(HttpApiAdapter.groupNames("")).isEmpty();
    }

    @Test
    void statusesForAuthMediaTypeAndSize() {
        assertThat(adapter.handle(event("GET /things", null, null, null)).getStatusCode()).isEqualTo(401);
        assertThat(adapter.handle(event("GET /things", "[register-processor]", null, null)).getStatusCode()).isEqualTo(403);
        assertThat(adapter.handle(event("GET /things", "[register-staff]", null, null)).getStatusCode()).isEqualTo(200);
        assertThat(adapter.handle(event("GET /nope", "[register-staff]", null, null)).getStatusCode()).isEqualTo(404);
        assertThat(adapter.handle(event("POST /things", "[register-staff]", "{}", "text/plain")).getStatusCode())
                .isEqualTo(415);
        assertThat(adapter.handle(event("POST /things", "[register-staff]", "{}", "application/json; charset=utf-8"))
                .getStatusCode()).isEqualTo(201);
        assertThat(adapter.handle(event("POST /things", "[register-staff]", "x".repeat(101), "application/json"))
                .getStatusCode()).isEqualTo(413);
    }

    @Test
    void unexpectedFailuresAreA500ProblemWithoutInternals() {
        APIGatewayV2HTTPResponse response = adapter.handle(event("GET /boom", "[register-staff]", null, null));
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(response.getBody()).doesNotContain("secret-value-in-message").doesNotContain("IllegalState")
                .contains("\"instance\":\"urn:request:r1\"");
    }
}
