package fi.dentalsystems.register.core.exports;

import java.util.Optional;

/**
 * Where an approved access export waits for its requester: an S3 object (SSE-KMS, expired by a
 * lifecycle rule) in AWS, a file locally. The key is derived from the request id only, so a
 * retried completion finds what an earlier run stored instead of writing a second copy.
 */
public interface ExportStore {
    /** Stores the document unless the key is taken; true when this call stored it. */
    boolean putIfAbsent(String key, byte[] document);

    Optional<byte[]> get(String key);

    /** Removes the document; removing one that is gone is not an error. */
    void delete(String key);

    /** Whether the export is (still) there, without reading it. */
    default boolean exists(String key) {
        return get(key).isPresent();
    }

    /** The one key of a request's export: deterministic, and holding nothing but the request id. */
    static String keyOf(String requestId) {
        if (!requestId.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("not a request id");
        }
        return "exports/" + requestId + ".html";
    }
}
