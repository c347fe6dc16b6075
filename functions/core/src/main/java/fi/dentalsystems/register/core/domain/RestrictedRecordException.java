package fi.dentalsystems.register.core.domain;

/**
 * A write to a record whose processing is restricted (GDPR art. 18(2)): kept, but changed only by
 * a rectification under a request, a legal-hold change or lifting the restriction (decision 0013).
 * The message names the kind of record and the rule, never its data.
 */
public final class RestrictedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RestrictedRecordException(TargetType target) {
        super("The " + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " is restricted (GDPR art. 18): it is kept but not processed; only a correction under a "
                + "rectification request (X-Data-Subject-Request), a legal hold or lifting the restriction may change it.");
    }

    /** Refuses the write when the record is restricted. */
    public static void refuseIf(boolean restricted, TargetType target) {
        if (restricted) {
            throw new RestrictedRecordException(target);
        }
    }
}
