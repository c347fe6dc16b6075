package fi.dentalsystems.register.local.http;

import fi.dentalsystems.register.core.http.ProblemType;

/**
 * A request the server cannot take as it came: answered with a problem of this type and a detail
 * that names the rule broken, never the bytes that broke it (they may be personal data).
 */
public final class HttpFault extends RuntimeException {
    private final ProblemType type;
    private final String detail;

    public HttpFault(ProblemType type, String detail) {
        super(type.name() + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
    }

    static HttpFault malformed(String detail) {
        return new HttpFault(ProblemType.MALFORMED_REQUEST, detail);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }
}
