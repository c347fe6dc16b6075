package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.http.ProblemType;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.http.HttpAnswer;
import fi.dentalsystems.register.local.http.HttpFault;
import fi.dentalsystems.register.local.http.HttpLimits;
import fi.dentalsystems.register.local.http.HttpRequest;
import fi.dentalsystems.register.local.http.LocalHttpServer;
import fi.dentalsystems.register.local.http.PercentEncoding;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local HTTP API: serves every HttpApi route that template.yaml declares, builds the
 * payload-2.0 event API Gateway would send, checks the bearer token like the JWT authorizer,
 * and calls the same handler class the function deploys. The HTTP framing is our own
 * {@link LocalHttpServer}: malformed requests get problem answers as the handlers' (decision 0015).
 */
public final class LocalApi implements AutoCloseable {
    /** One template route bound to the handler instance that serves it. */
    record Binding(SamTemplate.HttpRoute route, Pattern pattern, List<String> parameterNames,
                   RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {

        /** {@code {name}} matches one raw (still percent-encoded) path segment, as in API Gateway. */
        static Binding of(SamTemplate.HttpRoute route,
                          RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
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
            return new Binding(route, Pattern.compile(regex.toString()), names, handler);
        }
    }

    private final LocalHttpServer server;
    private final List<Binding> bindings;
    private final DevTokens tokens;
    private final Path openApi;
    private final DevSignIn signIn;
    private final DevApiReference reference;

    private LocalApi(LocalHttpServer server, List<Binding> bindings, DevTokens tokens, Path openApi, DevSignIn signIn) {
        this.server = server;
        this.bindings = bindings;
        this.tokens = tokens;
        this.openApi = openApi;
        this.signIn = signIn;
        this.reference = new DevApiReference(openApi.toAbsolutePath().getParent());
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
                bindings.add(Binding.of(route, handler));
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
        if (function.environment().containsKey("CONSOLE_CLIENT_ID")) {
            // locally the console signs in at the dev issuer (DevSignIn), whose client is the dev audience
            env.putIfAbsent("CONSOLE_CLIENT_ID", DevTokens.AUDIENCE);
        }
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
        return start(port, bindings, tokens, openApi, HttpLimits.defaults());
    }

    /** As above, with other limits (the tests of the HTTP framing use short timeouts). */
    public static LocalApi start(int port, List<Binding> bindings, DevTokens tokens, Path openApi, HttpLimits limits)
            throws IOException {
        return start(port, bindings, tokens, openApi, limits,
                DevSignIn.standard(tokens, SamTemplate.load(), java.time.Duration.ofMinutes(60)));
    }

    /** With the dev issuer's sign-in endpoints for the console (decision 0014). */
    public static LocalApi start(int port, List<Binding> bindings, DevTokens tokens, Path openApi, DevSignIn signIn)
            throws IOException {
        return start(port, bindings, tokens, openApi, HttpLimits.defaults(), signIn);
    }

    private static LocalApi start(int port, List<Binding> bindings, DevTokens tokens, Path openApi, HttpLimits limits,
                                  DevSignIn signIn) throws IOException {
        LocalApi[] api = new LocalApi[1];
        LocalHttpServer server = LocalHttpServer.start(port, limits, request -> api[0].serve(request));
        api[0] = new LocalApi(server, bindings, tokens, openApi, signIn);
        return api[0];
    }

    public int port() {
        return server.port();
    }

    private HttpAnswer serve(HttpRequest request) {
        try {
            String method = request.method().toUpperCase(Locale.ROOT);
            String path = request.rawPath();
            if (method.equals("GET") && path.equals("/openapi.yaml")) {
                if (Files.isRegularFile(openApi)) {
                    return new HttpAnswer(200, Map.of("content-type", "application/yaml"), Files.readAllBytes(openApi));
                }
                return HttpAnswer.problem(ProblemType.NOT_FOUND, "No such route.");
            }
            Optional<HttpAnswer> console = signIn.serve(request, method, path);
            if (console.isEmpty()) {
                console = reference.serve(method, path);
            }
            if (console.isPresent()) {
                return console.get();
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
                return pathKnown ? HttpAnswer.problem(ProblemType.METHOD_NOT_ALLOWED, "This route has no such method.")
                        : HttpAnswer.problem(ProblemType.NOT_FOUND, "No such route.");
            }
            HttpApiEvents.Builder event = HttpApiEvents.request(method, match.route().path());
            for (int i = 0; i < match.parameterNames().size(); i++) {
                event.path(match.parameterNames().get(i), PercentEncoding.decodePath(matcher.group(i + 1)));
            }
            if (request.rawQuery().isPresent()) {
                for (String pair : request.rawQuery().get().split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    String[] kv = pair.split("=", 2);
                    event.query(PercentEncoding.decodeQuery(kv[0]), kv.length > 1 ? PercentEncoding.decodeQuery(kv[1]) : "");
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpRequest.Field field : request.fields()) {
                headers.merge(field.name().toLowerCase(Locale.ROOT), field.value(), (a, b) -> a + "," + b);
            }
            headers.remove("authorization");
            if (request.chunked()) {
                // API Gateway hands the function the whole body: its length, not the framing it came in
                headers.remove("transfer-encoding");
                headers.put("content-length", String.valueOf(request.body().length));
            }
            headers.forEach(event::header);
            if (match.route().authorized()) {
                Optional<Map<String, String>> claims = tokens.verify(request.first("Authorization").orElse(null));
                if (claims.isEmpty()) {
                    return HttpAnswer.problem(ProblemType.UNAUTHENTICATED, "A valid bearer token is required.");
                }
                event.claims(claims.get());
            }
            if (request.body().length > 0) {
                event.rawBody(new String(request.body(), StandardCharsets.UTF_8), false);
            }
            APIGatewayV2HTTPResponse response = match.handler().handleRequest(event.build(), null);
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> answerHeaders.put(k.toLowerCase(Locale.ROOT), v));
            }
            answerHeaders.putIfAbsent("content-type", "application/json");
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            return new HttpAnswer(response.getStatusCode(), answerHeaders, out);
        } catch (HttpFault fault) {
            throw fault; // the server answers it (a 400 for a path parameter that is not UTF-8)
        } catch (IOException | RuntimeException e) {
            return HttpAnswer.problem(ProblemType.INTERNAL, "The request could not be completed.");
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static Instant now() {
        return Instant.now();
    }
}
