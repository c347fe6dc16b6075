package fi.dentalsystems.register.local.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One request as it came off the wire, its framing already checked and removed: the method as
 * sent, the path and query still percent-encoded (already checked to decode as UTF-8), every
 * header field line in order, and the whole body.
 */
public record HttpRequest(String method, String rawPath, Optional<String> rawQuery, List<Field> fields, byte[] body,
                          boolean chunked) {

    /** One header field line. */
    public record Field(String name, String value) {
    }

    public HttpRequest {
        fields = List.copyOf(fields);
    }

    /** The value of the first field line of that name (names are case-insensitive). */
    public Optional<String> first(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).findFirst();
    }

    /** The field lines of that name, joined by commas as RFC 9110 section 5.3 allows. */
    public Optional<String> joined(String name) {
        List<String> values = fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    public boolean isHead() {
        return method.toUpperCase(Locale.ROOT).equals("HEAD");
    }
}
