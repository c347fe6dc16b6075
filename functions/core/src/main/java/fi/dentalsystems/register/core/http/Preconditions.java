package fi.dentalsystems.register.core.http;

import java.util.Optional;

/** Optimistic locking over HTTP: the item version is the ETag; updates must name it in If-Match. */
public final class Preconditions {
    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match names; 428 when absent, 400 when it is not one of our ETags. */
    public static long requiredIfMatch(ApiRequest request) {
        return optionalIfMatch(request).orElseThrow(() -> new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                "Send If-Match with the ETag of the version you read."));
    }

    public static Optional<Long> optionalIfMatch(ApiRequest request) {
        return request.header("if-match").map(Preconditions::parse);
    }

    private static long parse(String header) {
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("If-Match", "must be an ETag this API returned, such as \"1\"");
        }
    }

    /** 412 unless the caller read the version that is stored now. */
    public static void check(long expected, long current) {
        if (expected != current) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The resource has changed since you read it; read it again and reapply your change.");
        }
    }
}
