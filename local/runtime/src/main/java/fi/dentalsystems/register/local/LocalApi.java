package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local HTTP API: serves every HttpApi route that template.yaml declares, builds the
 * payload-2.0 event API Gateway would send, checks the bearer token like the JWT authorizer,
 * and calls the same handler class the function deploys.
 */
public final class LocalApi implements AutoCloseable {
    private static final int MAX_BODY = 10 * 1024 * 1024; // API Gateway's own cap; handlers enforce theirs

    /** One template route bound to the handler instance that serves it. */
    record Binding(SamTemplate.HttpRoute route, Pattern pattern, List<String> parameterNames,
                   RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private final HttpServer server;
    private final List<Binding> bindings;
    private final DevTokens tokens;
    private final Path openApi;

    private LocalApi(HttpServer server, List<Binding> bindings, DevTokens tokens, Path openApi) {
        this.server = server;
        this.bindings = bindings;
        this.tokens = tokens;
        this.openApi = openApi;
    }

    /** As below, with mail going to a throw-away outbox: for checks that send none worth reading. */
    public static List<Binding> bind(SamTemplate template, DynamoDbClient dynamoDb, Map<String, String> localTables,
                                     Clock clock) {
        try {
            Path outbox = Files.createTempDirectory("outbox");
            return bind(template, dynamoDb, localTables, clock, new OutboxMailer(outbox, "local@localhost", clock),
                    Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                            "SUPPRESSION_PEPPER", "local-checks-pepper-not-a-secret",
                            "EXPORT_FOLDER", Files.createTempDirectory("exports").toString(),
                            "AUDIT_DIGEST_FOLDER", Files.createTempDirectory("audit-digests").toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Instantiates each function's handler with the local engine, the table names and other
     * variables resolved from the template (then {@code overrides}), and the local mailer.
     */
    @SuppressWarnings("unchecked")
    public static List<Binding> bind(SamTemplate template, DynamoDbClient dynamoDb, Map<String, String> localTables,
                                     Clock clock, Mailer mailer, Map<String, String> overrides) {
        List<Binding> bindings = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            if (function.routes().isEmpty()) {
                continue;
            }
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) instantiate(template, function,
                            dynamoDb, localTables, clock, mailer, overrides);
            for (SamTemplate.HttpRoute route : function.routes()) {
                List<String> names = new ArrayList<>();
                Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.path());
                StringBuilder regex = new StringBuilder();
                int last = 0;
                while (m.find()) {
                    regex.append(Pattern.quote(route.path().substring(last, m.start()))).append("([^/]+)");
                    names.add(m.group(1));
                    last = m.end();
                }
                regex.append(Pattern.quote(route.path().substring(last)));
                bindings.add(new Binding(route, Pattern.compile(regex.toString()), names, handler));
            }
        }
        return bindings;
    }

    /**
     * Creates a function's handler as the Lambda runtime would, but with the local engine: its
     * environment from the template (table refs → local tables, parameter refs → defaults),
     * then {@code overrides}.
     */
    public static Object instantiate(SamTemplate template, SamTemplate.Function function, DynamoDbClient dynamoDb,
                                     Map<String, String> localTables, Clock clock, Mailer mailer,
                                     Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> SamTemplate.resolveLocal(value,
                ref -> localTables.containsKey(ref) ? localTables.get(ref) : template.parameterDefault(ref).orElse(null))
                .ifPresent(v -> env.put(name, v)));
        env.putAll(overrides);
        try {
            Class<?> type = Class.forName(function.handlerClass());
            try {
                return type.getConstructor(HandlerSetup.class).newInstance(
                        new HandlerSetup(dynamoDb, TableNames.from(env::get), clock, mailer, env));
            } catch (NoSuchMethodException noSetup) {
                return type.getConstructor(DynamoDbClient.class, TableNames.class, Clock.class)
                        .newInstance(dynamoDb, TableNames.from(env::get), clock);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + function.handlerClass(), e);
        }
    }

    public static LocalApi start(int port, List<Binding> bindings, DevTokens tokens, Path openApi) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        LocalApi api = new LocalApi(server, bindings, tokens, openApi);
        server.createContext("/", api::serve);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("GET") && path.equals("/openapi.yaml")) {
                if (Files.isRegularFile(openApi)) {
                    send(exchange, 200, "application/yaml", Files.readAllBytes(openApi), Map.of());
                } else {
                    problem(exchange, 404, "No such route");
                }
                return;
            }
            Binding match = null;
            Matcher matcher = null;
            boolean pathKnown = false;
            for (Binding b : bindings) {
                Matcher m = b.pattern().matcher(path);
                if (m.matches()) {
                    pathKnown = true;
                    if (b.route().method().equals(method)) {
                        match = b;
                        matcher = m;
                        break;
                    }
                }
            }
            if (match == null) {
                problem(exchange, pathKnown ? 405 : 404, pathKnown ? "Method not allowed" : "No such route");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                problem(exchange, 413, "The request body is too large");
                return;
            }
            HttpApiEvents.Builder event = HttpApiEvents.request(method, match.route().path());
            for (int i = 0; i < match.parameterNames().size(); i++) {
                event.path(match.parameterNames().get(i),
                        URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    String[] kv = pair.split("=", 2);
                    event.query(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("authorization")) {
                    event.header(name, String.join(",", values));
                }
            });
            if (match.route().authorized()) {
                Optional<Map<String, String>> claims = tokens.verify(exchange.getRequestHeaders().getFirst("Authorization"));
                if (claims.isEmpty()) {
                    problem(exchange, 401, "A valid bearer token is required");
                    return;
                }
                event.claims(claims.get());
            }
            if (body.length > 0) {
                event.rawBody(new String(body, StandardCharsets.UTF_8), false);
            }
            APIGatewayV2HTTPResponse response = match.handler().handleRequest(event.build(), null);
            Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            String contentType = headers.getOrDefault("content-type", "application/json");
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(), contentType, out, headers);
        } catch (RuntimeException e) {
            problem(exchange, 500, "Internal error");
        }
    }

    private static void problem(HttpExchange exchange, int status, String title) throws IOException {
        String body = "{\"type\":\"https://register.dentalsystems.fi/problems/" + (status == 401 ? "unauthenticated"
                : status == 404 ? "not-found" : status == 405 ? "method-not-allowed" : status == 413
                ? "payload-too-large" : "internal") + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + title + ".\"}";
        send(exchange, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8),
                status == 401 ? Map.of("www-authenticate", "Bearer") : Map.of());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                             Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-type")) {
                exchange.getResponseHeaders().set(k, v);
            }
        });
        exchange.getResponseHeaders().set("content-type", contentType);
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Instant now() {
        return Instant.now();
    }
}
