package fi.dentalsystems.register.local.http;

import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ProblemType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A response before framing: status, header fields (lower-case names) and the whole body. The
 * server adds Content-Length, Date and Connection itself.
 */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    public HttpAnswer {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            // a handler's header must not be able to split the response (CR/LF) or break its syntax
            if (!RequestReader.isToken(h.getKey()) || !RequestReader.isFieldValue(h.getValue())) {
                throw new IllegalArgumentException("a response header field is not valid HTTP");
            }
        }
        headers = Map.copyOf(headers);
    }

    /**
     * A problem answer of the shape the handlers give (core http.HttpApiAdapter): type, title,
     * status, detail and an instance naming this answer, with the same protective headers.
     */
    public static HttpAnswer problem(ProblemType type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        body.put("instance", "urn:request:" + UUID.randomUUID());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/problem+json");
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        if (type == ProblemType.UNAUTHENTICATED) {
            headers.put("www-authenticate", "Bearer");
        }
        return new HttpAnswer(type.status(), headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
