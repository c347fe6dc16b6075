package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.audit.DigestStore;
import fi.dentalsystems.register.core.audit.S3DigestStore;
import fi.dentalsystems.register.local.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digest adapter over the real SDK and wire protocol against moto_server, on a bucket made as
 * template.yaml makes AuditDigestBucket (Object Lock, compliance mode): a digest is written once,
 * its version cannot be deleted, and a second version written around the condition shows.
 */
class S3DigestStoreOnMotoTest {
    static MotoServer moto;
    static S3Client s3;
    static final String BUCKET = "audit-digests";

    @BeforeAll
    static void bucketUnderObjectLock() {
        moto = MotoServer.start();
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.EU_WEST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true)
                .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        s3.putObjectLockConfiguration(c -> c.bucket(BUCKET).objectLockConfiguration(o -> o
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1096)))));
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void aDigestIsWrittenOnceAndItsVersionCannotBeDeleted() {
        S3DigestStore store = new S3DigestStore(s3, BUCKET);
        LocalDate day = LocalDate.of(2026, 3, 2);
        byte[] digest = "audit-digest/1\nday=2026-03-02\npreviousDay=\npreviousHash=\n".getBytes(StandardCharsets.UTF_8);

        assertThat(store.putIfAbsent(day, digest)).isTrue();
        assertThat(store.putIfAbsent(day, "another".getBytes(StandardCharsets.UTF_8))).as("conditional put").isFalse();
        DigestStore.Stored stored = store.get(day).orElseThrow();
        assertThat(stored.content()).isEqualTo(digest);
        assertThat(stored.versions()).isEqualTo(1);
        assertThat(store.get(day.plusDays(1))).isEmpty();

        String version = s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(DigestStore.keyOf(day))).versions().get(0)
                .versionId();
        assertThatThrownBy(() -> s3.deleteObject(d -> d.bucket(BUCKET).key(DigestStore.keyOf(day)).versionId(version)))
                .as("compliance mode: the version is kept until its retention ends").isInstanceOf(S3Exception.class);
        assertThat(store.get(day).orElseThrow().content()).isEqualTo(digest);
    }

    @Test
    void aSecondVersionWrittenAroundTheConditionIsCountedAndTheFirstIsRead() {
        S3DigestStore store = new S3DigestStore(s3, BUCKET);
        LocalDate day = LocalDate.of(2026, 3, 9);
        byte[] first = "audit-digest/1\nday=2026-03-09\npreviousDay=\npreviousHash=\n".getBytes(StandardCharsets.UTF_8);
        store.putIfAbsent(day, first);

        s3.putObject(p -> p.bucket(BUCKET).key(DigestStore.keyOf(day)), RequestBody.fromString("forged"));

        DigestStore.Stored stored = store.get(day).orElseThrow();
        assertThat(stored.versions()).isEqualTo(2);
        assertThat(stored.content()).isEqualTo(first);
    }
}
