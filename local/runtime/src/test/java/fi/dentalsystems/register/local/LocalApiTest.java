package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The local runtime over real HTTP: routes from the template, tokens checked like the JWT authorizer. */
class LocalApiTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static LocalApi api;
    static DevTokens tokens;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        tokens = DevTokens.withKey(key);
        SamTemplate template = SamTemplate.load();
        api = LocalApi.start(0, LocalApi.bind(template, ENGINE.client(), ENGINE.tableNamesByLogicalId(),
                Clock.systemUTC()), tokens, RepositoryRoot.find().resolve("openapi.yaml"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    }

    @Test
    void aStaffTokenCreatesAndReadsACustomerThroughTheSameHandler() throws Exception {
        String token = tokens.issue("staff", Instant.now());
        HttpResponse<String> created = send(to("/customers").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Local Test Oy", "businessId": "0112038-9", "email": "office@local-test.example",
                         "phone": "09 1234 5678",
                         "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                        """)));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("etag")).contains("\"1\"");
        String id = created.body().replaceAll(".*\"customerId\":\"(cus_[0-9A-Z]+)\".*", "$1");
        HttpResponse<String> read = send(to("/customers/" + id).header("Authorization", "Bearer " + token));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"businessId\":\"0112038-9\"");
        assertThat(read.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void tokensAreCheckedLikeTheJwtAuthorizer() throws Exception {
        assertThat(send(to("/customers")).statusCode()).isEqualTo(401);
        assertThat(send(to("/customers").header("Authorization", "Bearer not.a.jwt")).statusCode()).isEqualTo(401);
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String forged = DevTokens.withKey(otherKey).issue("admin", Instant.now());
        assertThat(send(to("/customers").header("Authorization", "Bearer " + forged)).statusCode()).isEqualTo(401);
        String expired = tokens.issue("staff", Instant.now().minus(Duration.ofHours(9)));
        assertThat(send(to("/customers").header("Authorization", "Bearer " + expired)).statusCode()).isEqualTo(401);
        // a configured processor's token reads what its purposes cover; an unconfigured processor's nothing
        assertThat(send(to("/customers").header("Authorization", "Bearer "
                + tokens.issue("processor:billing", Instant.now()))).statusCode()).isEqualTo(200);
        HttpResponse<String> processor = send(to("/customers")
                .header("Authorization", "Bearer " + tokens.issue("processor:unknown-provider", Instant.now())));
        assertThat(processor.statusCode()).isEqualTo(403);
        assertThat(processor.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void unknownRoutesAndMethodsAreProblemAnswers() throws Exception {
        String token = "Bearer " + tokens.issue("staff", Instant.now());
        HttpResponse<String> missing = send(to("/nothing-here").header("Authorization", token));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"status\":404");
        assertThat(send(to("/customers").header("Authorization", token)
                .method("PUT", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
    }

    @Test
    void servesTheOpenApiDocument() throws Exception {
        HttpResponse<String> doc = send(to("/openapi.yaml"));
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).startsWith("openapi: 3.1");
    }
}
