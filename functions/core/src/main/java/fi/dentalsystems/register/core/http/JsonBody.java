package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.format.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body read as JSON with jackson-core's streaming API into plain maps, lists,
 * strings, numbers, booleans and {@link Json#NULL} (docs/decisions/0002). Limits on depth and
 * length keep a hostile body cheap; every failure is a 400 that never echoes the body.
 */
public final class JsonBody {
    private static final int MAX_DEPTH = 16;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(64 * 1024).maxNumberLength(32).build())
            .build();

    private JsonBody() {
    }

    /** Parses a body; malformed JSON is the caller's error, reported without echoing it. */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed();
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw malformed();
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalidField("body", "is nested too deeply or holds too long a value");
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    Object value = read(parser, parser.nextToken());
                    if (object.put(name, value) != null) {
                        throw ProblemException.invalidField("body", "must not repeat a field");
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return Json.NULL;
            }
            default -> throw malformed();
        }
    }

    private static ProblemException malformed() {
        return new ProblemException(ProblemType.VALIDATION, "The body is not well-formed JSON.",
                List.of(new FieldError("body", "must be a well-formed JSON object")));
    }

}
