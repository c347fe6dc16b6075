package fi.dentalsystems.register.core.http;

/**
 * The closed set of problem kinds the API answers with (RFC 9457 problem details). The kinds
 * marked "HTTP framing" are never raised by a handler: in AWS, API Gateway answers such requests
 * before any function runs; the local runtime's HTTP server answers them itself (decision 0015).
 */
public enum ProblemType {
    VALIDATION(400, "validation", "The request is not valid"),
    /** HTTP framing: the request line, a header field, the body's framing or the percent-encoding is broken. */
    MALFORMED_REQUEST(400, "malformed-request", "The request is not well-formed HTTP"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "Not allowed for this role"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    /** HTTP framing: a request started and then stalled. */
    REQUEST_TIMEOUT(408, "request-timeout", "The request was not completed in time"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    /** GDPR art. 18: the record is restricted; kept, not processed (decision 0013). */
    RESTRICTED(409, "restricted", "Processing of this record is restricted"),
    /** GDPR art. 16: the named request does not warrant this correction (issue 15). */
    NOT_WARRANTED(409, "correction-not-warranted", "No rectification request warrants this correction"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    /** HTTP framing. */
    URI_TOO_LONG(414, "uri-too-long", "The request target is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** HTTP framing: an {@code Expect} other than 100-continue. */
    EXPECTATION_FAILED(417, "expectation-failed", "The expectation cannot be met"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match is required"),
    /** HTTP framing. */
    HEADER_FIELDS_TOO_LARGE(431, "header-fields-too-large", "The request header fields are too large"),
    INTERNAL(500, "internal", "Internal error"),
    /** HTTP framing: a transfer coding other than chunked (RFC 9112 section 6.1). */
    NOT_IMPLEMENTED(501, "not-implemented", "Not implemented"),
    /** HTTP framing: a protocol version other than HTTP/1.x. */
    HTTP_VERSION_NOT_SUPPORTED(505, "http-version-not-supported", "HTTP version not supported");

    private static final String BASE = "https://register.dentalsystems.fi/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }
}
