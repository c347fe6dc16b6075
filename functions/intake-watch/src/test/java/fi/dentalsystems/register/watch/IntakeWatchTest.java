package fi.dentalsystems.register.watch;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch over the inbound bucket (moto_server's S3: listing and tags over the real SDK) and the
 * Requests table (dynalite): the oldest mail not tagged processed, and parked mail older than a day.
 */
class IntakeWatchTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final DynamoDbPermissions PERMISSIONS = DynamoDbPermissions.checkedAfterAll("IntakeWatchFunction");
    static MotoServer moto;
    static S3Client s3;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket("inbound-mail").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }

    @AfterAll
    static void stop() {
        s3.close();
        moto.close();
    }

    @Test
    void theOldestUnprocessedMailAndParkedMailOlderThanADayAreReported() {
        s3.putObject(b -> b.bucket("inbound-mail").key("inbound/finished"), RequestBody.fromString("From: a\r\n\r\nx"));
        s3.putObjectTagging(b -> b.bucket("inbound-mail").key("inbound/finished")
                .tagging(t -> t.tagSet(Tag.builder().key("intake").value("processed").build())));
        Instant stored = Instant.now();
        s3.putObject(b -> b.bucket("inbound-mail").key("inbound/stuck"), RequestBody.fromString("From: b\r\n\r\ny"));

        Register register = ENGINE.register();
        Instant now = stored.plus(Duration.ofHours(2));
        register.requests().create(parked("req_01JD7QB2C3D4E5F6G7H8J9K0W1", now.minus(Duration.ofDays(2))));
        register.requests().create(parked("req_01JD7QB2C3D4E5F6G7H8J9K0W2", now.minus(Duration.ofHours(3))));
        // classified mail waiting for its link is not parked, however old
        register.requests().create(RequestLifecycle.fromMail(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.EMAIL, "aino@example.fi", Optional.empty(), Optional.empty(), Language.FI, "email-intake",
                now.minus(Duration.ofDays(3))), "req_01JD7QB2C3D4E5F6G7H8J9K0W3", Map.of("rawMail", "s3://x/y")));

        List<IntakeWatch.Report> emitted = new ArrayList<>();
        // every read of personal data is audited (issue 14): the watch counts in the index and reads none
        AuditCompleteness completeness = new AuditCompleteness();
        var handler = completeness.checking(new IntakeWatchHandler(new HandlerSetup(
                completeness.recording(PERMISSIONS.recording(ENGINE.client())),
                ENGINE.tables(), Clock.fixed(now, java.time.ZoneOffset.UTC), mail -> "none", Map.of()),
                new S3RawMailListing(s3, "inbound-mail", "inbound/"), emitted::add), e -> "schedule");
        Map<String, Object> answer = handler.handleRequest(Map.of(), null);

        assertThat((Long) answer.get("oldestUnprocessedSeconds")).as("the untagged message, two hours old")
                .isBetween(Duration.ofMinutes(115).toSeconds(), Duration.ofMinutes(125).toSeconds());
        assertThat(answer).containsEntry("parkedOlderThanADay", 1);
        assertThat(emitted).hasSize(1);

        s3.putObjectTagging(b -> b.bucket("inbound-mail").key("inbound/stuck")
                .tagging(t -> t.tagSet(Tag.builder().key("intake").value("processed").build())));
        assertThat(handler.handleRequest(Map.of(), null)).as("once it is processed nothing waits")
                .containsEntry("oldestUnprocessedSeconds", 0L);
        assertThat(completeness.invocations()).isEqualTo(2);
        assertThat(completeness.unaudited()).isEmpty();
    }

    static fi.dentalsystems.register.core.domain.DataSubjectRequest parked(String id, Instant received) {
        return RequestLifecycle.fromMail(RequestLifecycle.receive(RequestType.UNCLASSIFIED, RequestChannel.EMAIL,
                "unknown@sender.invalid", Optional.empty(), Optional.empty(), Language.FI, "email-intake", received),
                id, Map.of("parked", "no valid sender", "rawMail", "s3://inbound-mail/inbound/" + id));
    }
}
