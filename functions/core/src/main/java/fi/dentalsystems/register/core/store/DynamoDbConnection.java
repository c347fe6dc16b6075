package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the DynamoDB client once per function instance. Region and credentials provider
 * are explicit (no provider-chain probing at cold start); the url-connection HTTP client is
 * the lightest. {@code DYNAMODB_ENDPOINT} points the same code at any engine: dynalite
 * locally, LocalStack, or AWS.
 */
public final class DynamoDbConnection {
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT";

    private DynamoDbConnection() {
    }

    public static DynamoDbClient fromEnvironment() {
        return create(Optional.ofNullable(System.getenv(ENDPOINT_VARIABLE)).filter(s -> !s.isBlank()),
                Optional.ofNullable(System.getenv("AWS_REGION")).orElse("eu-west-1"));
    }

    public static DynamoDbClient create(Optional<String> endpoint, String region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(endpoint));
        endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Optional<String> endpoint) {
        boolean environmentHasKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
        if (endpoint.isPresent() && !environmentHasKeys) {
            // a local engine checks no signature; it still wants one
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
