package fi.dentalsystems.register.core.http;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.StaffGroup;
import fi.dentalsystems.register.core.format.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Turns an API Gateway HTTP API (payload 2.0) event into an {@link ApiRequest}, runs the
 * matching route and turns the answer or problem back into the response event. Every
 * failure becomes a problem+json answer; nothing the caller sent is echoed or logged.
 */
public final class HttpApiAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiAdapter.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Map<String, Route> routes;
    private final int maxBodyBytes;
    private final ProcessorRegister processors;

    /** An API no contracted processor may use: a processor's token has no group here. */
    public HttpApiAdapter(List<Route> routes, int maxBodyBytes) {
        this(routes, maxBodyBytes, ProcessorRegister.NONE);
    }

    /** An API whose routes may be open to the configured processors ({@link Route#processors()}). */
    public HttpApiAdapter(List<Route> routes, int maxBodyBytes, ProcessorRegister processors) {
        Map<String, Route> byKey = new HashMap<>();
        routes.forEach(r -> byKey.put(r.routeKey(), r));
        this.routes = Map.copyOf(byKey);
        this.maxBodyBytes = maxBodyBytes;
        this.processors = processors;
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    /** In Lambda, with Powertools' structured logging context (request id, cold start); without a context, plain. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
        if (context == null) {
            return handle(event);
        }
        return software.amazon.lambda.powertools.logging.PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        String routeKey = Optional.ofNullable(event.getRouteKey()).orElse("");
        String requestId = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId).orElse("unknown");
        ApiResponse response;
        try {
            response = dispatch(event, routeKey, requestId);
        } catch (RuntimeException failure) {
            response = problem(ProblemMapping.of(failure).orElseGet(() -> unexpected(failure, routeKey, requestId)), requestId);
        }
        LOG.info("request handled", entry("routeKey", routeKey), entry("status", response.status()),
                entry("requestId", requestId), entry("durationMs", (System.nanoTime() - started) / 1_000_000));
        return toEvent(response);
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    private static ProblemException unexpected(RuntimeException unexpected, String routeKey, String requestId) {
        // the class and stack only: messages of lower layers may quote data
        LOG.error("unhandled failure", entry("routeKey", routeKey), entry("requestId", requestId),
                entry("exception", unexpected.getClass().getName()),
                entry("at", String.valueOf(unexpected.getStackTrace().length > 0 ? unexpected.getStackTrace()[0] : "")));
        return new ProblemException(ProblemType.INTERNAL,
                "The request could not be completed. Quote request id " + requestId + " to support.");
    }

    private ApiResponse dispatch(APIGatewayV2HTTPEvent event, String routeKey, String requestId) {
        Route route = routes.get(routeKey);
        if (route == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such route.");
        }
        Caller caller = caller(event, processors);
        Optional<Purpose> processorPurpose = Optional.empty();
        if (!route.allowedGroups().isEmpty()) {
            if (!caller.isAuthenticated()) {
                throw new ProblemException(ProblemType.UNAUTHENTICATED, "A valid bearer token is required.");
            }
            if (caller.processor().isPresent()) {
                // a processor's user: what its contract's purposes need, nothing its other groups would allow
                processorPurpose = route.processors().purposeFor(caller.processor().get());
                if (processorPurpose.isEmpty()) {
                    throw new ProblemException(ProblemType.FORBIDDEN,
                            "The purposes of your contract do not cover this route.");
                }
            } else if (!caller.isAny(route.allowedGroups())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Your role may not use this route.");
            }
        }
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        Optional<String> body = body(event, headers, route.mediaTypes());
        ApiRequest request = new ApiRequest(routeKey,
                Optional.ofNullable(event.getPathParameters()).orElse(Map.of()),
                Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of()),
                headers, body, caller, requestId, processorPurpose);
        return route.handler().handle(request);
    }

    private Optional<String> body(APIGatewayV2HTTPEvent event, Map<String, String> headers, Set<String> mediaTypes) {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("body", "is not valid base64");
        }
        if (bytes.length > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The body may be at most " + maxBodyBytes + " bytes.");
        }
        String contentType = headers.getOrDefault("content-type", "");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as " + String.join(" or ", new java.util.TreeSet<>(mediaTypes)) + ".");
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The JWT authorizer has already checked the token; here only its claims are read. A processor's
     * user is in its processor's Cognito group; the processor, and so its purposes, come from the
     * processor register, never from a claim. A token of more than one processor acts for none.
     */
    static final int MAX_SUBJECT = 128;

    static Caller caller(APIGatewayV2HTTPEvent event, ProcessorRegister processors) {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String subject = claims.get("sub");
        // Cognito's sub is a UUID; a longer one is no token of this register's user pool (openapi.yaml states
        // the audit's actorId and the events' actor with this bound)
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            return Caller.ANONYMOUS;
        }
        Set<StaffGroup> groups = EnumSet.noneOf(StaffGroup.class);
        List<Processor> actingFor = new ArrayList<>();
        for (String name : groupNames(claims.getOrDefault("cognito:groups", ""))) {
            StaffGroup.fromGroupName(name).ifPresent(groups::add);
            processors.byGroupName(name).ifPresent(actingFor::add);
        }
        if (actingFor.size() == 1) {
            groups.add(StaffGroup.PROCESSOR);
            return new Caller(subject, groups, Optional.of(actingFor.get(0)));
        }
        return new Caller(subject, groups);
    }

    /** HTTP APIs pass array claims as "[a b]" text; a JSON array or a comma list are read too. */
    static List<String> groupNames(String claim) {
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            String name = part.replace("\"", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static ApiResponse problem(ProblemException problem, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri());
        body.put("title", problem.type().title());
        body.put("status", problem.type().status());
        body.put("detail", problem.detail());
        body.put("instance", "urn:request:" + requestId);
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            problem.errors().forEach(e -> {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("field", e.field());
                error.put("message", e.message());
                errors.add(error);
            });
            body.put("errors", errors);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", PROBLEM_JSON);
        if (problem.type() == ProblemType.UNAUTHENTICATED) {
            headers.put("www-authenticate", "Bearer");
        }
        return new ApiResponse(problem.type().status(), headers, Optional.of(Json.write(body)));
    }

    private static APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.putIfAbsent("cache-control", "no-store"); // a route may say it is cacheable (the privacy notice)
        headers.put("x-content-type-options", "nosniff");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body().orElse(null))
                .withIsBase64Encoded(false)
                .build();
    }
}
