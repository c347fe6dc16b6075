package fi.dentalsystems.register.watch;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists the inbound prefix (raw mail is kept 7 days once processed, so the listing stays small) and
 * reads the tags of the oldest objects until it meets one the intake has not tagged
 * {@code intake=processed}: its arrival is the oldest unprocessed mail.
 */
final class S3RawMailListing implements RawMailListing {
    static final String TAG = "intake";
    static final String PROCESSED = "processed";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3RawMailListing(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Optional<Instant> oldestUnprocessed() {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        objects.sort(Comparator.comparing(S3Object::lastModified));
        for (S3Object object : objects) {
            boolean processed = s3.getObjectTagging(r -> r.bucket(bucket).key(object.key())).tagSet().stream()
                    .anyMatch(t -> TAG.equals(t.key()) && PROCESSED.equals(t.value()));
            if (!processed) {
                return Optional.of(object.lastModified());
            }
        }
        return Optional.empty();
    }
}
