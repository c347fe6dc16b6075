package fi.dentalsystems.register.local.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;

/**
 * Runs in a fresh JVM, once: one of three cases, timing init and the first event, printing
 * one JSON line. Deliberately free of the project's own helpers so each case loads only what
 * it needs.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String customerId = args.length > 1 ? args[1] : "";
        long t0 = System.nanoTime();
        long initNanos;
        long firstNanos;
        int status;
        switch (mode) {
            case "hello" -> {
                RequestHandler<Map<String, String>, String> hello = (event, context) -> "hello " + event.get("name");
                initNanos = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                status = hello.handleRequest(Map.of("name", "world"), new ProbeContext()).length() > 0 ? 200 : 500;
                firstNanos = System.nanoTime() - t1;
            }
            case "bare" -> {
                DynamoDbClient client = DynamoDbClient.builder()
                        .region(Region.of(System.getenv("AWS_REGION")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
                        .build();
                initNanos = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                var item = client.getItem(r -> r.tableName(System.getenv("CUSTOMERS_TABLE"))
                        .key(Map.of("customerId", AttributeValue.fromS(customerId))));
                status = item.hasItem() ? 200 : 404;
                firstNanos = System.nanoTime() - t1;
            }
            case "handler" -> {
                @SuppressWarnings("unchecked")
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                        (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class
                                .forName(args[2]).getConstructor().newInstance();
                initNanos = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                        .withVersion("2.0").withRouteKey("GET /customers/{customerId}")
                        .withRawPath("/customers/" + customerId)
                        .withHeaders(Map.of("accept", "application/json"))
                        .withPathParameters(Map.of("customerId", customerId))
                        .withIsBase64Encoded(false)
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRouteKey("GET /customers/{customerId}").withRequestId("bench-1")
                                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                                .withClaims(Map.of("sub", "bench", "cognito:groups", "[register-staff]"))
                                                .build()).build())
                                .build())
                        .build();
                status = handler.handleRequest(event, new ProbeContext()).getStatusCode();
                firstNanos = System.nanoTime() - t1;
            }
            default -> throw new IllegalArgumentException(mode);
        }
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("{\"mode\":\"" + mode + "\",\"initMs\":" + initNanos / 1e6 + ",\"firstEventMs\":"
                + firstNanos / 1e6 + ",\"status\":" + status + ",\"classesLoaded\":" + classes + "}");
    }

    /** The few Context fields Powertools reads. */
    static final class ProbeContext implements Context {
        public String getAwsRequestId() { return "bench-request"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 15000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.out.print(message); }
                public void log(byte[] message) { System.out.print(new String(message)); }
            };
        }
    }
}
