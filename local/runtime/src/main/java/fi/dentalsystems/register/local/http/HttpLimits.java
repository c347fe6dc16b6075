package fi.dentalsystems.register.local.http;

import java.time.Duration;

/**
 * What the local HTTP server accepts before it answers 414, 431, 413 or 408 instead. The defaults
 * follow API Gateway's HTTP API where it has a cap (10 KB of header fields, a 10 MB body).
 *
 * @param requestLineBytes   the request line, without its CRLF (414 beyond)
 * @param headerSectionBytes every header field line together, CRLFs included; trailers count again (431 beyond)
 * @param headerFields       header field lines (431 beyond)
 * @param bodyBytes          the body, after removing the chunked framing (413 beyond)
 * @param idleTimeout        how long a kept-alive connection waits for its next request; then it closes unanswered,
 *                           since no request began
 * @param requestTimeout     how long one read inside a started request may wait (408 beyond)
 */
public record HttpLimits(int requestLineBytes, int headerSectionBytes, int headerFields, int bodyBytes,
                         Duration idleTimeout, Duration requestTimeout) {

    public static HttpLimits defaults() {
        return new HttpLimits(8 * 1024, 10 * 1024, 100, 10 * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    public HttpLimits withRequestTimeout(Duration timeout) {
        return new HttpLimits(requestLineBytes, headerSectionBytes, headerFields, bodyBytes, idleTimeout, timeout);
    }

    public HttpLimits withIdleTimeout(Duration timeout) {
        return new HttpLimits(requestLineBytes, headerSectionBytes, headerFields, bodyBytes, timeout, requestTimeout);
    }
}
