package fi.dentalsystems.register.intake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The S3 ObjectCreated event the inbound bucket's notification sends (the key URL-encoded, as S3 does). */
final class S3Events {
    private S3Events() {
    }

    static Map<String, Object> created(String bucket, String key) {
        return Map.of("Records", List.of(Map.of("eventSource", "aws:s3", "eventName", "ObjectCreated:Put",
                "s3", Map.of("bucket", Map.of("name", bucket),
                        "object", Map.of("key", URLEncoder.encode(key, StandardCharsets.UTF_8))))));
    }
}
