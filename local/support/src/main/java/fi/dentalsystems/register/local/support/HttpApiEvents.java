package fi.dentalsystems.register.local.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the API Gateway HTTP API (payload 2.0) event a handler receives in AWS, after the
 * JWT authorizer has accepted the token: the local router and the tests use the same shape.
 */
public final class HttpApiEvents {
    private HttpApiEvents() {
    }

    public static Builder request(String method, String routePath) {
        return new Builder(method, routePath);
    }

    public static final class Builder {
        private final String method;
        private final String routePath;
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> claims = new LinkedHashMap<>();
        private String body;
        private boolean base64;
        private String requestId = UUID.randomUUID().toString();

        private Builder(String method, String routePath) {
            this.method = method;
            this.routePath = routePath;
        }

        public Builder path(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        /** A JSON body, with its content type. */
        public Builder json(String json) {
            headers.put("content-type", "application/json");
            this.body = json;
            return this;
        }

        public Builder rawBody(String body, boolean base64Encoded) {
            this.body = body;
            this.base64 = base64Encoded;
            return this;
        }

        /** The claims the JWT authorizer passes on: subject and Cognito groups ("[a b]"). */
        public Builder caller(String subject, String... groups) {
            claims.put("sub", subject);
            claims.put("cognito:groups", "[" + String.join(" ", groups) + "]");
            claims.put("token_use", "access");
            return this;
        }

        public Builder claims(Map<String, String> all) {
            claims.putAll(all);
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        public APIGatewayV2HTTPEvent build() {
            String rawPath = routePath;
            for (Map.Entry<String, String> p : pathParameters.entrySet()) {
                rawPath = rawPath.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
            String rawQuery = query.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String routeKey = method + " " + routePath;
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = null;
            if (!claims.isEmpty()) {
                authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.copyOf(claims)).build())
                        .build();
            }
            Instant now = Instant.now();
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey(routeKey)
                    .withRawPath(rawPath)
                    .withRawQueryString(rawQuery)
                    .withHeaders(new LinkedHashMap<>(headers))
                    .withQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query))
                    .withPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters))
                    .withBody(body)
                    .withIsBase64Encoded(base64)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRouteKey(routeKey)
                            .withStage("$default")
                            .withRequestId(requestId)
                            .withTimeEpoch(now.toEpochMilli())
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod(method).withPath(rawPath).withProtocol("HTTP/1.1")
                                    .withSourceIp("127.0.0.1").withUserAgent("local").build())
                            .withAuthorizer(authorizer)
                            .build())
                    .build();
        }
    }
}
