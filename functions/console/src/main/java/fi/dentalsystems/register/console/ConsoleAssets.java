package fi.dentalsystems.register.console;

import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.ProblemType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files (resources under console/ in the jar) with the headers every one of them
 * carries: a CSP that allows scripts and styles from the register's own origin only (no inline
 * script, no third-party host), no framing, no referrer (a URL holds ids only, but none leaves),
 * and no caching of what a signed-in user saw.
 */
final class ConsoleAssets {
    /** One flat folder: a name can never climb out of it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final SignInSettings signIn;
    private final Map<String, Optional<String>> files = new ConcurrentHashMap<>();

    ConsoleAssets(SignInSettings signIn) {
        this.signIn = signIn;
    }

    /** /console itself: the page lives at /console/index.html, which is also the sign-in callback. */
    ApiResponse entry() {
        return withHeaders(new ApiResponse(302, Map.of("location", SignInSettings.CALLBACK_PATH), Optional.empty()));
    }

    ApiResponse asset(String name) {
        if ("config.json".equals(name)) {
            return withHeaders(new ApiResponse(200, Map.of("content-type", "application/json"),
                    Optional.of(Json.write(signIn.asJson()))));
        }
        if (!NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such console file.");
        }
        String body = files.computeIfAbsent(name, ConsoleAssets::read)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such console file."));
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return withHeaders(new ApiResponse(200, Map.of("content-type", type), Optional.of(body)));
    }

    Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                + " connect-src " + signIn.connectSources() + "; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'");
        headers.put("x-frame-options", "DENY");
        headers.put("referrer-policy", "no-referrer");
        headers.put("cross-origin-opener-policy", "same-origin");
        headers.put("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
        headers.put("strict-transport-security", "max-age=31536000; includeSubDomains");
        headers.put("cache-control", "no-store");
        return headers;
    }

    private ApiResponse withHeaders(ApiResponse response) {
        ApiResponse out = response;
        for (Map.Entry<String, String> header : securityHeaders().entrySet()) {
            out = out.withHeader(header.getKey(), header.getValue());
        }
        return out;
    }

    private static Optional<String> read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
