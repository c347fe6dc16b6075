package fi.dentalsystems.register.core.http;

/** The closed set of problem kinds the API answers with (RFC 9457 problem details). */
public enum ProblemType {
    VALIDATION(400, "validation", "The request is not valid"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "Not allowed for this role"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    /** GDPR art. 18: the record is restricted; kept, not processed (decision 0013). */
    RESTRICTED(409, "restricted", "Processing of this record is restricted"),
    /** GDPR art. 16: the named request does not warrant this correction (issue 15). */
    NOT_WARRANTED(409, "correction-not-warranted", "No rectification request warrants this correction"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match is required"),
    INTERNAL(500, "internal", "Internal error");

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
