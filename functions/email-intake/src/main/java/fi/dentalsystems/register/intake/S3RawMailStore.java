package fi.dentalsystems.register.intake;

import software.amazon.awssdk.services.s3.S3Client;

/** Raw MIME from the inbound-mail bucket (KMS-encrypted; expires by lifecycle rule after 7 days). */
final class S3RawMailStore implements RawMailStore {
    private final S3Client s3;

    S3RawMailStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] read(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }
}
