package fi.dentalsystems.register.core.domain;

/**
 * A correction that names a request which does not warrant it (GDPR art. 16): no such request, not
 * a rectification, not open for work, or about another person. The message names the rule and the
 * request id the caller sent, never the record's data or the request's address.
 */
public final class CorrectionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorrectionRefusedException(String message) {
        super(message);
    }
}
