package fi.dentalsystems.register.intake;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Raw MIME from the inbound-mail bucket (KMS-encrypted). Finished mail is tagged
 * {@code intake=processed}; the lifecycle rule expires tagged mail after 7 days and nothing else.
 */
final class S3RawMailStore implements RawMailStore {
    static final String TAG = "intake";
    static final String PROCESSED = "processed";

    private final S3Client s3;

    S3RawMailStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] read(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public boolean processed(String bucket, String key) {
        return s3.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet().stream()
                .anyMatch(t -> TAG.equals(t.key()) && PROCESSED.equals(t.value()));
    }

    @Override
    public void markProcessed(String bucket, String key) {
        s3.putObjectTagging(r -> r.bucket(bucket).key(key)
                .tagging(t -> t.tagSet(Tag.builder().key(TAG).value(PROCESSED).build())));
    }
}
