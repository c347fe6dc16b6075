package fi.dentalsystems.register.core.exports;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.Optional;

/**
 * Exports in the export bucket. Every put names the register's KMS key (SSE-KMS) even though the
 * bucket default does too, so an object can never land unencrypted or under another key; and it
 * is conditional ({@code If-None-Match: *}), so a retried completion keeps the first export.
 */
public final class S3ExportStore implements ExportStore {
    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The AWS SDK client is injected and shared (thread-safe, one per function): there is "
                    + "nothing to copy")
    public S3ExportStore(S3Client s3, String bucket, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    /** In Lambda: EXPORT_BUCKET and EXPORT_KEY_ID from the template, region and credentials from the runtime. */
    public static S3ExportStore fromEnvironment() {
        return new S3ExportStore(S3Client.builder()
                .region(Region.of(required("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build(), required("EXPORT_BUCKET"), required("EXPORT_KEY_ID"));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] document) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("text/html; charset=utf-8")
                            .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId)
                            .bucketKeyEnabled(true),
                    RequestBody.fromBytes(document));
            return true;
        } catch (S3Exception e) {
            // 412: the key is taken (an earlier run stored it); 409: a concurrent put of the same key won
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException gone) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
