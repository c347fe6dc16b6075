package fi.dentalsystems.register.core.http;

/** One invalid input field. The message describes the rule, never the value that broke it. */
public record FieldError(String field, String message) {
}
