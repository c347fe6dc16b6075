package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.format.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON object field by field, collecting every error instead of stopping at the
 * first, and refusing fields it was not asked for (data minimisation: nothing unknown is
 * stored). Error messages name the field and the rule, never the value.
 */
public final class JsonFields {
    private final Map<String, Object> node;
    private final String prefix;
    private final List<FieldError> errors;
    private final Set<String> read = new HashSet<>();
    private final List<JsonFields> children = new ArrayList<>();

    private JsonFields(Map<String, Object> node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    public static JsonFields of(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw ProblemException.invalidField("body", "must be a JSON object");
        }
        return new JsonFields(objectOf(node), "", new ArrayList<>());
    }

    /** Parses a request body that must be one JSON object. */
    public static JsonFields parse(String body) {
        return of(JsonBody.parse(body));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Object value) {
        return (Map<String, Object>) value;
    }

    private String path(String field) {
        return prefix + field;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    /** The names of the fields the body holds (to refuse some by name before reading any). */
    public Set<String> names() {
        return Set.copyOf(node.keySet());
    }

    public boolean has(String field) {
        read.add(field);
        return node.containsKey(field);
    }

    private Optional<Object> value(String field, boolean required) {
        read.add(field);
        Object value = node.get(field);
        if (value == null || value == Json.NULL) {
            if (required) {
                error(field, "is required");
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public Optional<String> optionalText(String field, int maxLength) {
        return value(field, false).flatMap(v -> text(field, v, maxLength));
    }

    public Optional<String> requiredText(String field, int maxLength) {
        return value(field, true).flatMap(v -> text(field, v, maxLength));
    }

    private Optional<String> text(String field, Object value, int maxLength) {
        if (!(value instanceof String raw)) {
            error(field, "must be a string");
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            error(field, "must not be blank");
            return Optional.empty();
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            error(field, "must not contain control characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Parses a text field with a domain parser; the message says what format is expected. */
    public <T> Optional<T> optionalParsed(String field, int maxLength, Function<String, Optional<T>> parser,
                                          String formatMessage) {
        return optionalText(field, maxLength).flatMap(t -> parsed(field, t, parser, formatMessage));
    }

    public <T> Optional<T> requiredParsed(String field, int maxLength, Function<String, Optional<T>> parser,
                                          String formatMessage) {
        return requiredText(field, maxLength).flatMap(t -> parsed(field, t, parser, formatMessage));
    }

    private <T> Optional<T> parsed(String field, String text, Function<String, Optional<T>> parser,
                                   String formatMessage) {
        Optional<T> result = parser.apply(text);
        if (result.isEmpty()) {
            error(field, formatMessage);
        }
        return result;
    }

    /** A whole number from {@code min} to {@code max}. */
    public Optional<Integer> requiredInt(String field, int min, int max) {
        return value(field, true).flatMap(v -> {
            if (v instanceof java.math.BigDecimal n && n.stripTrailingZeros().scale() <= 0
                    && n.compareTo(java.math.BigDecimal.valueOf(min)) >= 0
                    && n.compareTo(java.math.BigDecimal.valueOf(max)) <= 0) {
                return Optional.of(n.intValue());
            }
            error(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        });
    }

    public Optional<Boolean> optionalBoolean(String field) {
        return value(field, false).flatMap(v -> {
            if (!(v instanceof Boolean b)) {
                error(field, "must be true or false");
                return Optional.empty();
            }
            return Optional.of(b);
        });
    }

    public <E extends Enum<E>> Optional<E> requiredEnum(String field, Class<E> type) {
        return value(field, true).flatMap(v -> enumValue(field, v, type));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return value(field, false).flatMap(v -> enumValue(field, v, type));
    }

    private <E extends Enum<E>> Optional<E> enumValue(String field, Object value, Class<E> type) {
        if (value instanceof String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return Optional.of(constant);
                }
            }
        }
        error(field, "must be one of " + EnumSet.allOf(type));
        return Optional.empty();
    }

    public <E extends Enum<E>> Optional<Set<E>> requiredEnumSet(String field, Class<E> type) {
        return value(field, true).flatMap(v -> enumSet(field, v, type));
    }

    public <E extends Enum<E>> Optional<Set<E>> optionalEnumSet(String field, Class<E> type) {
        return value(field, false).flatMap(v -> enumSet(field, v, type));
    }

    private <E extends Enum<E>> Optional<Set<E>> enumSet(String field, Object value, Class<E> type) {
        if (!(value instanceof List<?> items) || items.isEmpty() || items.size() > type.getEnumConstants().length) {
            error(field, "must be a non-empty array of distinct items, each one of " + EnumSet.allOf(type));
            return Optional.empty();
        }
        Set<E> result = EnumSet.noneOf(type);
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            enumValue(field + "[" + i + "]", items.get(i), type).ifPresent(result::add);
        }
        return errors.size() == before ? Optional.of(result) : Optional.empty();
    }

    /** An array of at most {@code maxItems} texts, each at most {@code maxLength} characters; empty when absent. */
    public List<String> optionalTextList(String field, int maxItems, int maxLength) {
        Optional<Object> value = value(field, false);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof List<?> items) || items.size() > maxItems) {
            error(field, "must be an array of at most " + maxItems + " texts");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            text(field + "[" + i + "]", items.get(i), maxLength).ifPresent(result::add);
        }
        return result;
    }

    /** An array of at most {@code maxItems} objects, each read as its own fields; empty when absent. */
    public List<JsonFields> optionalObjectList(String field, int maxItems) {
        Optional<Object> value = value(field, false);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof List<?> items) || items.size() > maxItems) {
            error(field, "must be an array of at most " + maxItems + " objects");
            return List.of();
        }
        List<JsonFields> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            object(field + "[" + i + "]", items.get(i)).ifPresent(result::add);
        }
        return result;
    }

    public Optional<JsonFields> requiredObject(String field) {
        return value(field, true).flatMap(v -> object(field, v));
    }

    public Optional<JsonFields> optionalObject(String field) {
        return value(field, false).flatMap(v -> object(field, v));
    }

    private Optional<JsonFields> object(String field, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            error(field, "must be a JSON object");
            return Optional.empty();
        }
        JsonFields child = new JsonFields(objectOf(value), path(field) + ".", errors);
        children.add(child);
        return Optional.of(child);
    }

    /** Marks fields that may be present, but that this request does not use. */
    public boolean isNullOrAbsent(String field) {
        read.add(field);
        Object value = node.get(field);
        return value == null || value == Json.NULL;
    }

    private void collectUnknown() {
        for (String name : node.keySet()) {
            if (!read.contains(name)) {
                // The name comes from the caller: keep it short and printable in the answer.
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                errors.add(new FieldError(path(shown.replaceAll("\\p{Cntrl}", "?")), "is not a known field"));
            }
        }
        children.forEach(JsonFields::collectUnknown);
    }

    /** Throws one 400 with every field error, including fields that are not known. */
    public void finish() {
        collectUnknown();
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int errorCount() {
        return errors.size();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
