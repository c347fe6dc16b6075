package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.StaffGroup;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.DuplicateBusinessIdException;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.store.InvalidCursorException;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StaleVersionException;
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
            }),
            new Route("GET /stale", Set.of(StaffGroup.STAFF), r -> {
                throw new StaleVersionException(TargetType.CONTACT);
            }),
            new Route("GET /illegal", Set.of(StaffGroup.STAFF), r -> {
                throw new IllegalTransitionException("A REJECTED request cannot be extended.");
            }),
            new Route("GET /duplicate", Set.of(StaffGroup.STAFF), r -> {
                throw new DuplicateBusinessIdException("cus_01JD7QB2C3D4E5F6G7H8J9K0M1");
            }),
            new Route("GET /cursor", Set.of(StaffGroup.STAFF), r -> {
                throw new InvalidCursorException();
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

    /** Routes let the lower layers' exceptions through; ProblemMapping answers them, in one place. */
    @Test
    void exceptionsOfTheLayersBelowBecomeTheirProblems() {
        APIGatewayV2HTTPResponse stale = adapter.handle(event("GET /stale", "[register-staff]", null, null));
        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(stale.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(stale.getBody()).contains("problems/precondition-failed").contains("The contact changed");
        APIGatewayV2HTTPResponse illegal = adapter.handle(event("GET /illegal", "[register-staff]", null, null));
        assertThat(illegal.getStatusCode()).isEqualTo(409);
        assertThat(illegal.getBody()).contains("problems/conflict").contains("A REJECTED request cannot be extended.");
        APIGatewayV2HTTPResponse duplicate = adapter.handle(event("GET /duplicate", "[register-staff]", null, null));
        assertThat(duplicate.getStatusCode()).isEqualTo(409);
        assertThat(duplicate.getBody()).contains("already registered (cus_01JD7QB2C3D4E5F6G7H8J9K0M1)");
        APIGatewayV2HTTPResponse cursor = adapter.handle(event("GET /cursor", "[register-staff]", null, null));
        assertThat(cursor.getStatusCode()).isEqualTo(400);
        assertThat(cursor.getBody()).contains("\"field\":\"cursor\"");
    }

    private static final ProcessorRegister PROCESSORS = new ProcessorRegister(List.of(
            new Processor("billing", "Laskutus Oy", "DPA-1", Set.of(Purpose.BILLING), Processor.Writes.NONE),
            new Processor("helpdesk", "Tuki Oy", "DPA-2", Set.of(Purpose.TECHNICAL_SUPPORT), Processor.Writes.NONE)));

    private final HttpApiAdapter withProcessors = new HttpApiAdapter(List.of(
            new Route("GET /customers", Set.of(StaffGroup.STAFF), ProcessorAccess.reads(RegisterTable.CUSTOMERS),
                    r -> ApiResponse.json(200, Json.write(Map.of("purpose",
                            r.processorPurpose().map(Purpose::code).orElse("staff"))))),
            new Route("GET /history", Set.of(StaffGroup.STAFF), ProcessorAccess.reads(RegisterTable.HISTORY),
                    r -> ApiResponse.json(200, "{}")),
            new Route("GET /audit", Set.of(StaffGroup.ADMIN), r -> ApiResponse.json(200, "{}"))), 100, PROCESSORS);

    @Test
    void aProcessorsUsersActForItsProcessorWithThePurposesOfTheRegisterNeverOfTheToken() {
        Caller billing = HttpApiAdapter.caller(event("GET /customers", "[register-processor-billing]", null, null),
                PROCESSORS);
        assertThat(billing.processor().map(Processor::id)).contains("billing");
        assertThat(billing.groups()).containsExactly(StaffGroup.PROCESSOR);
        // two processors at once, an unknown one, or a staff member who is also in a processor group: no processor
        assertThat(HttpApiAdapter.caller(event("GET /customers", "[register-processor-billing register-processor-helpdesk]",
                null, null), PROCESSORS).processor()).isEmpty();
        assertThat(HttpApiAdapter.caller(event("GET /customers", "[register-processor-other]", null, null), PROCESSORS)
                .groups()).isEmpty();
        assertThat(HttpApiAdapter.caller(event("GET /customers", "[register-staff register-processor-billing]", null,
                null), PROCESSORS).processor()).isEmpty();

        APIGatewayV2HTTPResponse read = withProcessors.handle(event("GET /customers", "[register-processor-billing]",
                null, null));
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(read.getBody()).isEqualTo("{\"purpose\":\"billing\"}");
        assertThat(withProcessors.handle(event("GET /history", "[register-processor-billing]", null, null))
                .getStatusCode()).isEqualTo(403);
        assertThat(withProcessors.handle(event("GET /history", "[register-processor-helpdesk]", null, null))
                .getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPResponse audit = withProcessors.handle(event("GET /audit", "[register-processor-helpdesk]",
                null, null));
        assertThat(audit.getStatusCode()).isEqualTo(403);
        assertThat(audit.getBody()).contains("The purposes of your contract do not cover this route.");
        assertThat(withProcessors.handle(event("GET /customers", "[register-staff]", null, null)).getBody())
                .isEqualTo("{\"purpose\":\"staff\"}");
        // without the register (another API), a processor's group is no group at all
        assertThat(adapter.handle(event("GET /things", "[register-processor-billing]", null, null)).getStatusCode())
                .isEqualTo(403);
    }
}
