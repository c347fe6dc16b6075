package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev issuer's authorization code flow with PKCE, over HTTP, as Cognito's hosted sign-in answers it. */
class DevSignInTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @TempDir
    static Path dir;
    static LocalRegister register;
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 appendix B
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @BeforeAll
    static void start() throws IOException {
        register = new LocalRegister(ENGINE, dir, Duration.ofMinutes(60));
    }

    @AfterAll
    static void stop() {
        register.close();
    }

    private static String callback() {
        return register.base() + "/console/index.html";
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return LocalRegister.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(register.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    private static Map<String, String> authorize(String role) {
        return Map.of("response_type", "code", "client_id", DevTokens.AUDIENCE, "redirect_uri", callback(),
                "state", "st4te", "code_challenge", CHALLENGE, "code_challenge_method", "S256", "role", role);
    }

    private static String code(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String location = signedIn.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith(callback() + "?code=").endsWith("&state=st4te");
        Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        return post("/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", DevTokens.AUDIENCE,
                "code", code, "redirect_uri", callback(), "code_verifier", verifier));
    }

    @Test
    void theCodeGoesOnceForTheVerifierOfItsChallengeAndGivesTokensTheApiAccepts() {
        String code = code(post("/oauth2/authorize", authorize("staff")));
        HttpResponse<String> tokens = exchange(code, VERIFIER);
        assertThat(tokens.statusCode()).isEqualTo(200);
        Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(tokens.body());
        assertThat(access.find()).isTrue();
        assertThat(tokens.body()).contains("\"refresh_token\"", "\"expires_in\":3600");
        assertThat(register.tokens.verify("Bearer " + access.group(1)).orElseThrow().get("cognito:groups"))
                .isEqualTo("[register-staff]");
        assertThat(exchange(code, VERIFIER).body()).as("used twice").contains("invalid_grant");
    }

    @Test
    void aWrongVerifierSpendsTheCodeAndGetsNoTokens() {
        String code = code(post("/oauth2/authorize", authorize("admin")));
        HttpResponse<String> wrong = exchange(code, VERIFIER.replace('d', 'e'));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant").doesNotContain("access_token");
        assertThat(exchange(code, VERIFIER).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheConsolesCallbackAndS256AreAcceptedAndAnUnknownRoleIsRefused() {
        Map<String, String> foreign = new java.util.HashMap<>(authorize("staff"));
        foreign.put("redirect_uri", "https://evil.example/console/index.html");
        assertThat(post("/oauth2/authorize", foreign).statusCode()).isEqualTo(400);
        Map<String, String> plain = new java.util.HashMap<>(authorize("staff"));
        plain.put("code_challenge_method", "plain");
        assertThat(post("/oauth2/authorize", plain).statusCode()).isEqualTo(400);
        assertThat(post("/oauth2/authorize", authorize("root")).statusCode()).isEqualTo(400);
    }

    @Test
    void theSignInPageOffersEachRoleWithoutAnyScript() {
        String query = "response_type=code&client_id=" + DevTokens.AUDIENCE + "&redirect_uri="
                + URLEncoder.encode(callback(), StandardCharsets.UTF_8) + "&state=s&code_challenge=" + CHALLENGE
                + "&code_challenge_method=S256";
        HttpResponse<String> page = LocalRegister.HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create(register.base() + "/oauth2/authorize?" + query)).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"staff\"", "value=\"admin\"", "value=\"processor:billing\"",
                "value=\"processor:technical-support\"").doesNotContain("<script");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'");
    }

    @Test
    void aRefreshGivesANewAccessTokenUntilTheRefreshTokenIsRevoked() {
        String body = exchange(code(post("/oauth2/authorize", authorize("staff"))), VERIFIER).body();
        Matcher refresh = Pattern.compile("\"refresh_token\":\"([^\"]+)\"").matcher(body);
        assertThat(refresh.find()).isTrue();
        Map<String, String> grant = Map.of("grant_type", "refresh_token", "client_id", DevTokens.AUDIENCE,
                "refresh_token", refresh.group(1));
        int before = register.signIn.refreshes();
        assertThat(post("/oauth2/token", grant).body()).contains("access_token");
        assertThat(register.signIn.refreshes()).isEqualTo(before + 1);
        assertThat(post("/oauth2/revoke", Map.of("token", refresh.group(1), "client_id", DevTokens.AUDIENCE)).statusCode())
                .isEqualTo(200);
        assertThat(post("/oauth2/token", grant).body()).contains("invalid_grant");
    }

    @Test
    void anExpiredTokenIsRefusedByTheApi() {
        String expired = register.tokens.issue("staff", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(register.tokens.verify("Bearer " + expired)).isEmpty();
    }
}
