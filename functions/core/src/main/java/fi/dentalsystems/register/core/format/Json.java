package fi.dentalsystems.register.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON out with jackson-core's streaming API only (bodies in: {@code http.JsonBody}). A function's bodies are small
 * and flat; a tree of plain maps, lists, strings, numbers and booleans is all the routes
 * need, and skipping databind saves ~120 ms of class loading at every cold start
 * (docs/decisions/0002). JSON {@code null} is {@link #NULL}, so "absent" and "null" differ.
 */
public final class Json {
    /** The JSON {@code null} literal inside a parsed tree. */
    public enum Null { NULL }

    public static final Null NULL = Null.NULL;

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Writes maps, lists, strings, numbers, booleans, enums and {@link #NULL}. */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null || value == NULL) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }
}
