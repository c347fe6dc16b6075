package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.format.Html;
import fi.dentalsystems.register.core.config.ProcessorConfiguration;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.local.http.HttpAnswer;
import fi.dentalsystems.register.local.http.HttpRequest;
import fi.dentalsystems.register.local.support.SamTemplate;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for Cognito's hosted sign-in (decision 0014): the same paths the console uses in
 * AWS — {@code /oauth2/authorize}, {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /logout} — with
 * the authorization code flow and PKCE (S256 only), so the console runs one code path. The sign-in page
 * lets the developer pick a role instead of typing a password and a TOTP code. Access tokens expire like
 * the pool's (60 minutes unless a test shortens them) and refresh with the refresh token grant.
 */
public final class DevSignIn {
    public static final String CALLBACK_PATH = "/console/index.html";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration REFRESH_LIFETIME = Duration.ofHours(12);

    private record Grant(String role, String challenge, String redirectUri, Instant expires) {
    }

    private record Session(String role, Instant expires) {
    }

    private final DevTokens tokens;
    private final List<String> roles;
    private final Duration accessLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();

    public DevSignIn(DevTokens tokens, List<String> roles, Duration accessLifetime, Clock clock) {
        this.tokens = tokens;
        this.roles = List.copyOf(roles);
        this.accessLifetime = accessLifetime;
        this.clock = clock;
    }

    /** admin, staff and every processor of the template's processor register; tokens of 60 minutes. */
    public static DevSignIn standard(DevTokens tokens, SamTemplate template, Duration accessLifetime) {
        List<String> roles = new ArrayList<>(List.of("staff", "admin"));
        ProcessorConfiguration.from(template.parameterDefault("Processors")).all()
                .forEach(p -> roles.add("processor:" + p.id()));
        return new DevSignIn(tokens, roles, accessLifetime, Clock.systemUTC());
    }

    /** How many times a refresh token was exchanged for a new access token (the tests watch the console refresh). */
    public int refreshes() {
        return refreshes.get();
    }

    /** The answer when the path is one of the sign-in endpoints. */
    Optional<HttpAnswer> serve(HttpRequest request, String method, String path) {
        String rawQuery = request.rawQuery().orElse(null);
        return Optional.ofNullable(switch (method + " " + path) {
            case "GET /oauth2/authorize" -> signInPage(request, query(rawQuery));
            case "POST /oauth2/authorize" -> signIn(query(body(request)));
            case "POST /oauth2/token" -> token(query(body(request)));
            case "POST /oauth2/revoke" -> revoke(query(body(request)));
            case "GET /logout" -> logout(query(rawQuery));
            default -> null;
        });
    }

    private Optional<String> invalidAuthorize(Map<String, String> p) {
        if (!"code".equals(p.get("response_type"))) {
            return Optional.of("response_type must be code");
        }
        if (!DevTokens.AUDIENCE.equals(p.get("client_id"))) {
            return Optional.of("unknown client_id");
        }
        if (!callback(p.get("redirect_uri"))) {
            return Optional.of("redirect_uri is not a callback of the client");
        }
        if (!"S256".equals(p.get("code_challenge_method")) || p.getOrDefault("code_challenge", "").length() != 43) {
            return Optional.of("PKCE with S256 is required");
        }
        return Optional.empty();
    }

    /** The console's page on this machine is the one callback, as the template registers it for the pool. */
    private static boolean callback(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI u = URI.create(uri);
            return "http".equals(u.getScheme()) && ("localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost()))
                    && CALLBACK_PATH.equals(u.getRawPath()) && u.getRawQuery() == null && u.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private HttpAnswer signInPage(HttpRequest request, Map<String, String> p) {
        Optional<String> invalid = invalidAuthorize(p);
        if (invalid.isPresent()) {
            return page(400, "en", "Invalid sign-in request", "<p>" + Html.escape(invalid.get()) + "</p>");
        }
        boolean fi = !request.first("accept-language").orElse("fi")
                .toLowerCase(Locale.ROOT).startsWith("en");
        StringBuilder form = new StringBuilder();
        form.append("<p>").append(fi
                ? "Paikallinen kehityskirjautuminen: AWS:ssä tässä on Cognito ja salasana sekä TOTP-koodi. Valitse rooli."
                : "Local development sign-in: in AWS this is Cognito with a password and a TOTP code. Pick a role.")
                .append("</p><form method=\"post\" action=\"/oauth2/authorize\">");
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
                "code_challenge_method", "scope")) {
            form.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(Html.escape(p.getOrDefault(name, ""))).append("\">");
        }
        form.append("<ul class=\"roles\">");
        for (String role : roles) {
            form.append("<li><button type=\"submit\" name=\"role\" value=\"").append(Html.escape(role)).append("\" id=\"role-")
                    .append(Html.escape(role.replace(':', '-'))).append("\">").append(Html.escape(label(role, fi))).append("</button></li>");
        }
        form.append("</ul></form>");
        return page(200, fi ? "fi" : "en", fi ? "Kirjaudu asiakasrekisteriin" : "Sign in to the customer register",
                form.toString());
    }

    private static String label(String role, boolean fi) {
        return switch (role) {
            case "admin" -> fi ? "Pääkäyttäjä (register-admin)" : "Administrator (register-admin)";
            case "staff" -> fi ? "Henkilökunta (register-staff)" : "Staff (register-staff)";
            default -> (fi ? "Käsittelijä " : "Processor ") + role.substring("processor:".length())
                    + " (register-processor-" + role.substring("processor:".length()) + ")";
        };
    }

    private HttpAnswer signIn(Map<String, String> p) {
        Optional<String> invalid = invalidAuthorize(p);
        String role = p.getOrDefault("role", "");
        if (invalid.isPresent() || !roles.contains(role)) {
            return page(400, "en", "Invalid sign-in request", "<p>" + Html.escape(invalid.orElse("unknown role")) + "</p>");
        }
        String code = secret();
        codes.put(code, new Grant(role, p.get("code_challenge"), p.get("redirect_uri"), clock.instant().plus(CODE_LIFETIME)));
        String location = p.get("redirect_uri") + "?code=" + code
                + (p.containsKey("state") ? "&state=" + URLEncoder.encode(p.get("state"), StandardCharsets.UTF_8) : "");
        return new HttpAnswer(302, Map.of("location", location, "cache-control", "no-store"), new byte[0]);
    }

    private HttpAnswer token(Map<String, String> p) {
        if (!DevTokens.AUDIENCE.equals(p.get("client_id"))) {
            return oauthError(400, "invalid_client");
        }
        Instant now = clock.instant();
        return switch (p.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Grant grant = codes.remove(p.getOrDefault("code", "")); // single use, whatever follows
                if (grant == null || grant.expires().isBefore(now) || !grant.redirectUri().equals(p.get("redirect_uri"))
                        || !grant.challenge().equals(s256(p.getOrDefault("code_verifier", "")))) {
                    yield oauthError(400, "invalid_grant");
                }
                String refresh = secret();
                refreshTokens.put(refresh, new Session(grant.role(), now.plus(REFRESH_LIFETIME)));
                Map<String, Object> answer = tokensFor(grant.role(), now);
                answer.put("refresh_token", refresh);
                yield json(200, answer);
            }
            case "refresh_token" -> {
                Session session = refreshTokens.get(p.getOrDefault("refresh_token", ""));
                if (session == null || session.expires().isBefore(now)) {
                    yield oauthError(400, "invalid_grant");
                }
                refreshes.incrementAndGet();
                yield json(200, tokensFor(session.role(), now)); // Cognito keeps the refresh token as it is
            }
            default -> oauthError(400, "unsupported_grant_type");
        };
    }

    private Map<String, Object> tokensFor(String role, Instant now) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", tokens.issue(role, now, accessLifetime));
        answer.put("id_token", tokens.issue(role, now, accessLifetime));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessLifetime.toSeconds());
        return answer;
    }

    private HttpAnswer revoke(Map<String, String> p) {
        refreshTokens.remove(p.getOrDefault("token", ""));
        return new HttpAnswer(200, Map.of("cache-control", "no-store"), new byte[0]);
    }

    private HttpAnswer logout(Map<String, String> p) {
        if (!DevTokens.AUDIENCE.equals(p.get("client_id")) || !callback(p.get("logout_uri"))) {
            return page(400, "en", "Invalid sign-out request", "<p>unknown client_id or logout_uri</p>");
        }
        return new HttpAnswer(302, Map.of("location", p.get("logout_uri")), new byte[0]);
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(HttpRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                out.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static HttpAnswer oauthError(int status, String error) {
        return json(status, Map.of("error", error));
    }

    private static HttpAnswer json(int status, Map<String, Object> body) {
        return send(status, "application/json", Json.write(body), Map.of());
    }

    private static HttpAnswer page(int status, String lang, String title, String content) {
        Map<String, String> headers = Map.of("content-security-policy",
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                "x-frame-options", "DENY", "referrer-policy", "no-referrer");
        return send(status, "text/html; charset=utf-8", "<!doctype html><html lang=\"" + lang + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title><link rel=\"stylesheet\" href=\"/console/style.css\"></head>"
                + "<body class=\"signin\"><main id=\"main\"><h1>" + Html.escape(title) + "</h1>" + content + "</main></body></html>",
                headers);
    }

    private static HttpAnswer send(int status, String type, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("content-type", type);
        headers.put("cache-control", "no-store");
        return new HttpAnswer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
