package fi.dentalsystems.register.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the console signs its users in: in AWS, Cognito's hosted sign-in of the register's user pool
 * ({@code SIGN_IN_BASE}, its domain) with the console's app client; locally, with no domain set, the
 * dev issuer on the console's own origin, which answers the same paths (decision 0014). Either way the
 * browser runs the authorization code flow with PKCE against these endpoints.
 */
record SignInSettings(Optional<String> base, String clientId) {
    static final String CALLBACK_PATH = "/console/index.html";

    static SignInSettings from(Map<String, String> variables) {
        Optional<String> base = Optional.ofNullable(variables.get("SIGN_IN_BASE")).filter(v -> !v.isBlank())
                .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        base.ifPresent(b -> {
            URI uri = URI.create(b);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalStateException("SIGN_IN_BASE must be an https origin");
            }
        });
        String clientId = Optional.ofNullable(variables.get("CONSOLE_CLIENT_ID")).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("CONSOLE_CLIENT_ID is not set"));
        return new SignInSettings(base, clientId);
    }

    /** The origin the browser may talk to besides the API's own (the token endpoint), for the CSP. */
    String connectSources() {
        return base.map(b -> "'self' " + b).orElse("'self'");
    }

    /** What the console's modules read at start (config.json): endpoints, client, callback path. */
    Map<String, Object> asJson() {
        String prefix = base.orElse("");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clientId", clientId);
        json.put("authorize", prefix + "/oauth2/authorize");
        json.put("token", prefix + "/oauth2/token");
        json.put("revoke", prefix + "/oauth2/revoke");
        json.put("logout", prefix + "/logout");
        json.put("scope", "openid email");
        json.put("callbackPath", CALLBACK_PATH);
        json.put("local", base.isEmpty());
        return json;
    }
}
