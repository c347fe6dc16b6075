package fi.dentalsystems.register.core.http;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.util.List;

/**
 * An answer of the problem+json kind, thrown from anywhere below a handler. The detail is
 * written for the caller and must never hold personal data: it names fields and rules only.
 */
public final class ProblemException extends RuntimeException {
    /**
     * The answer names at most this many field errors (openapi.yaml states it as the list's maxItems); the
     * detail still counts them all. A 64 KiB body of unknown fields would otherwise be echoed back by the thousand.
     */
    public static final int MAX_FIELD_ERRORS = 100;

    private final ProblemType type;
    private final String detail;
    @SuppressFBWarnings(value = "SE_BAD_FIELD",
            justification = "Problem answers are thrown and mapped in the same invocation, never serialized; the "
                    + "list is an immutable List.copyOf")
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(type.name() + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_FIELD_ERRORS)));
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION,
                errors.size() == 1 ? "One field is invalid." : errors.size() + " fields are invalid.", errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, "No " + what + " with that id.");
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
