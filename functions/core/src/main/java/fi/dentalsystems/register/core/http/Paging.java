package fi.dentalsystems.register.core.http;

import java.util.Optional;

/** The {@code limit} and {@code cursor} query parameters of every list route. */
public record Paging(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    public static Paging of(ApiRequest request) {
        int limit = DEFAULT_LIMIT;
        Optional<String> raw = request.query("limit");
        if (raw.isPresent()) {
            try {
                limit = Integer.parseInt(raw.get().strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new Paging(limit, request.query("cursor"));
    }
}
