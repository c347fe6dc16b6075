package fi.dentalsystems.register.console;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleHandlerTest {
    private static final Map<String, String> AWS = Map.of(
            "SIGN_IN_BASE", "https://dental-systems-register-prod.auth.eu-west-1.amazoncognito.com",
            "CONSOLE_CLIENT_ID", "abc123client");
    private static final ConsoleHandler HANDLER = new ConsoleHandler(AWS);

    private static APIGatewayV2HTTPResponse get(String asset) {
        APIGatewayV2HTTPEvent event = asset == null ? HttpApiEvents.request("GET", "/console").build()
                : HttpApiEvents.request("GET", "/console/{asset}").path("asset", asset).build();
        return HANDLER.handleRequest(event, null);
    }

    @Test
    void everyFileComesWithACspThatAllowsScriptsFromTheOriginOnlyAndDeniesFramingAndReferrers() {
        for (String asset : List.of("index.html", "app.js", "style.css", "config.json")) {
            APIGatewayV2HTTPResponse answer = get(asset);
            assertThat(answer.getStatusCode()).as(asset).isEqualTo(200);
            String csp = answer.getHeaders().get("content-security-policy");
            assertThat(csp).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(answer.getHeaders()).containsEntry("x-frame-options", "DENY")
                    .containsEntry("referrer-policy", "no-referrer").containsEntry("cache-control", "no-store");
        }
        assertThat(get("app.js").getHeaders().get("content-type")).startsWith("text/javascript");
    }

    @Test
    void theBrowserMayTalkToTheHostedSignInForTokensAndNowhereElse() {
        String csp = get("index.html").getHeaders().get("content-security-policy");
        assertThat(csp).contains("connect-src 'self' https://dental-systems-register-prod.auth.eu-west-1.amazoncognito.com;");
        String config = get("config.json").getBody();
        assertThat(config).contains("\"clientId\":\"abc123client\"")
                .contains("\"authorize\":\"https://dental-systems-register-prod.auth.eu-west-1.amazoncognito.com/oauth2/authorize\"")
                .contains("\"local\":false");
    }

    @Test
    void slashConsoleLeadsToThePageThatIsAlsoTheSignInCallback() {
        APIGatewayV2HTTPResponse answer = get(null);
        assertThat(answer.getStatusCode()).isEqualTo(302);
        assertThat(answer.getHeaders()).containsEntry("location", "/console/index.html");
    }

    @Test
    void namesOutsideTheConsoleFolderAreNotFound() {
        for (String asset : List.of("..%2Fpom.xml", "../log4j2.properties", "log4j2.properties", "missing.js", "App.js")) {
            APIGatewayV2HTTPResponse answer = get(asset);
            assertThat(answer.getStatusCode()).as(asset).isEqualTo(404);
            assertThat(answer.getHeaders().get("content-type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void noPageHoldsAnInlineScriptOrAnInlineHandlerOrLoadsAnythingFromAnotherOrigin() throws IOException {
        Path folder = Path.of("src/main/resources/console");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                if (file.toString().endsWith(".html")) {
                    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(text).find())
                            .as(file + " inline script").isFalse();
                    assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(text).find())
                            .as(file + " inline handler").isFalse();
                }
                assertThat(text).as(file + " names another origin").doesNotContainPattern("(src|href)=[\"']https?://")
                        .doesNotContain("import(\"http").doesNotContain("from 'http");
                assertThat(text).as(file + " writes markup from data").doesNotContain("innerHTML").doesNotContain("localStorage.setItem");
            }
        }
    }

    @Test
    void withoutItsClientIdOrWithAPlainHttpSignInTheFunctionRefusesToStart() {
        assertThatThrownBy(() -> new ConsoleHandler(Map.of("SIGN_IN_BASE", AWS.get("SIGN_IN_BASE"))))
                .hasMessageContaining("CONSOLE_CLIENT_ID");
        assertThatThrownBy(() -> new ConsoleHandler(Map.of("SIGN_IN_BASE", "http://example.com", "CONSOLE_CLIENT_ID", "x")))
                .hasMessageContaining("https");
    }
}
