package fi.dentalsystems.register.core.audit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Digests in the audit digest bucket: versioned, Object Lock in compliance mode with a default
 * retention longer than the audit's (template.yaml), so not even the account's root user can
 * delete or shorten a version before it ends. Puts are conditional ({@code If-None-Match: *}); a
 * read takes the key's first version and says how many there are, so a later version written
 * around the condition shows.
 */
public final class S3DigestStore implements DigestStore {
    private final S3Client s3;
    private final String bucket;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The AWS SDK client is injected and shared (thread-safe, one per function): there is "
                    + "nothing to copy")
    public S3DigestStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** In Lambda: AUDIT_DIGEST_BUCKET from the template, region and credentials from the runtime. */
    public static S3DigestStore fromEnvironment() {
        String bucket = System.getenv("AUDIT_DIGEST_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("AUDIT_DIGEST_BUCKET is not set");
        }
        return new S3DigestStore(S3Client.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build(), bucket);
    }

    @Override
    public boolean putIfAbsent(LocalDate day, byte[] digest) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(DigestStore.keyOf(day)).ifNoneMatch("*")
                    .contentType("text/plain; charset=utf-8"), RequestBody.fromBytes(digest));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Stored> get(LocalDate day) {
        String key = DigestStore.keyOf(day);
        List<ObjectVersion> versions = s3.listObjectVersions(r -> r.bucket(bucket).prefix(key)).versions().stream()
                .filter(v -> v.key().equals(key)).toList();
        // S3 lists a key's versions newest first: the last one is the digest as first written
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        byte[] first = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).versionId(versions.get(versions.size() - 1).versionId()))
                .asByteArray();
        return Optional.of(new Stored(first, versions.size()));
    }
}
