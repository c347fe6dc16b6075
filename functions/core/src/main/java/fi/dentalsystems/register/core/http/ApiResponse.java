package fi.dentalsystems.register.core.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An HTTP answer: status, headers and an optional already-serialised body. */
public record ApiResponse(int status, Map<String, String> headers, Optional<String> body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, String json) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), Optional.of(json));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), Optional.empty());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }
}
