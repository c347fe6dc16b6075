package fi.dentalsystems.register.core.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opaque page cursors: the DynamoDB key to continue from, as base64url text. A cursor is
 * checked against the key attributes the query expects before DynamoDB sees it, so a
 * tampered cursor is an {@link InvalidCursorException} (a 400 at the API), never a 500.
 */
public final class PageCursor {
    private static final int MAX_LENGTH = 1024;

    private PageCursor() {
    }

    public static Optional<String> encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, AttributeValue> e : key.entrySet()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            String type = e.getValue().n() != null ? "N" : "S";
            String value = e.getValue().n() != null ? e.getValue().n() : e.getValue().s();
            text.append(e.getKey()).append('\t').append(type).append('\t').append(value);
        }
        return Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decodes a cursor that must hold exactly the given attributes; {@code fixed} are values
     * the cursor must repeat (the partition key of the query it belongs to).
     */
    public static Optional<Map<String, AttributeValue>> decode(Optional<String> cursor, Set<String> attributes,
                                                                Map<String, String> fixed) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        String raw = cursor.get();
        if (raw.length() > MAX_LENGTH) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        try {
            String text = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                List<String> parts = List.of(line.split("\t", 3));
                if (parts.size() != 3 || !attributes.contains(parts.get(0))) {
                    throw invalid();
                }
                AttributeValue value = switch (parts.get(1)) {
                    case "S" -> AttributeValue.fromS(parts.get(2));
                    case "N" -> {
                        Long.parseLong(parts.get(2));
                        yield AttributeValue.fromN(parts.get(2));
                    }
                    default -> throw invalid();
                };
                key.put(parts.get(0), value);
            }
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!key.keySet().equals(attributes)) {
            throw invalid();
        }
        fixed.forEach((name, value) -> {
            if (!value.equals(key.get(name).s())) {
                throw invalid();
            }
        });
        return Optional.of(key);
    }

    private static InvalidCursorException invalid() {
        return new InvalidCursorException();
    }
}
