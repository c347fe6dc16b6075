package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.local.support.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;
import software.amazon.awssdk.services.s3.model.Tag;
import fi.dentalsystems.register.local.support.SamTemplate;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 and SES adapters over the real SDK and wire protocol, against moto_server (the
 * emulator LocalStack grew from; in the machine image) on a loopback port.
 */
class AwsAdaptersOnMotoTest {
    static Process moto;
    static URI endpoint;

    @BeforeAll
    static void startMoto() throws Exception {
        int port = Dynalite.freePort();
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                assertThat(moto.isAlive()).as("moto_server is running").isTrue();
                assertThat(System.currentTimeMillis()).as("moto_server listens within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.destroy();
        }
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    @Test
    void rawMailIsReadFromS3ByteForByte() throws IOException {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("inbound-mail").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            byte[] raw;
            try (var in = getClass().getResourceAsStream("/corpus/02-fi-objection-latin1-qp.eml")) {
                raw = in.readAllBytes();
            }
            s3.putObject(b -> b.bucket("inbound-mail").key("inbound/abc123"), RequestBody.fromBytes(raw));
            assertThat(new S3RawMailStore(s3).read("inbound-mail", "inbound/abc123")).isEqualTo(raw);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTemplatesLifecycleRulesOnS3ExpireOnlyMailTheIntakeMarkedProcessed() {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("lifecycle-mail").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            // the rules exactly as template.yaml writes them, put through the S3 API (which validates them)
            Map<String, Object> bucket = (Map<String, Object>) ((Map<String, Object>) SamTemplate.load().resources()
                    .get("InboundMailBucket")).get("Properties");
            List<LifecycleRule> rules = new ArrayList<>();
            for (Object o : (List<Object>) ((Map<String, Object>) bucket.get("LifecycleConfiguration")).get("Rules")) {
                rules.add(rule((Map<String, Object>) o));
            }
            s3.putBucketLifecycleConfiguration(b -> b.bucket("lifecycle-mail").lifecycleConfiguration(c -> c.rules(rules)));
            S3RawMailStore store = new S3RawMailStore(s3);
            s3.putObject(b -> b.bucket("lifecycle-mail").key("inbound/finished"), RequestBody.fromString("a"));
            s3.putObject(b -> b.bucket("lifecycle-mail").key("inbound/failed"), RequestBody.fromString("b"));
            store.markProcessed("lifecycle-mail", "inbound/finished");
            assertThat(store.processed("lifecycle-mail", "inbound/finished")).isTrue();
            assertThat(store.processed("lifecycle-mail", "inbound/failed")).isFalse();

            List<LifecycleRule> stored = s3.getBucketLifecycleConfiguration(b -> b.bucket("lifecycle-mail")).rules();
            assertThat(stored).hasSameSizeAs(rules);
            assertThat(expiringRulesFor(s3, stored, "inbound/failed")).as("unprocessed mail never expires").isEmpty();
            assertThat(expiringRulesFor(s3, stored, "inbound/finished")).as("processed mail expires in 7 days; S3 holds " + stored + " and the tags " + s3.getObjectTagging(b -> b.bucket("lifecycle-mail").key("inbound/finished")).tagSet())
                    .singleElement().satisfies(r -> assertThat(r.expiration().days()).isEqualTo(7));
        }
    }

    /** The enabled rules whose filter matches the object as S3 stores it (its key and its tags) and that expire it. */
    private static List<LifecycleRule> expiringRulesFor(S3Client s3, List<LifecycleRule> rules, String key) {
        List<Tag> tags = s3.getObjectTagging(b -> b.bucket("lifecycle-mail").key(key)).tagSet();
        return rules.stream().filter(r -> r.status() == ExpirationStatus.ENABLED)
                .filter(r -> (r.expiration() != null && (r.expiration().days() != null || r.expiration().date() != null))
                        || r.noncurrentVersionExpiration() != null)
                .filter(r -> matches(r.filter(), key, tags)).toList();
    }

    private static boolean matches(LifecycleRuleFilter filter, String key, List<Tag> tags) {
        if (filter == null) {
            return true;
        }
        if (filter.and() != null) {
            return (filter.and().prefix() == null || key.startsWith(filter.and().prefix()))
                    && tags.containsAll(filter.and().tags());
        }
        if (filter.tag() != null) {
            return tags.contains(filter.tag());
        }
        return filter.prefix() == null || key.startsWith(filter.prefix());
    }

    /** A CloudFormation lifecycle rule as the S3 API's rule (the properties the template uses). */
    @SuppressWarnings("unchecked")
    private static LifecycleRule rule(Map<String, Object> r) {
        LifecycleRule.Builder b = LifecycleRule.builder().id((String) r.get("Id"))
                .status(ExpirationStatus.fromValue((String) r.get("Status")));
        List<Map<String, Object>> tagFilters = (List<Map<String, Object>>) r.getOrDefault("TagFilters", List.of());
        if (tagFilters.size() == 1) {
            b.filter(LifecycleRuleFilter.builder().tag(Tag.builder().key((String) tagFilters.get(0).get("Key"))
                    .value((String) tagFilters.get(0).get("Value")).build()).build());
        } else {
            b.filter(LifecycleRuleFilter.builder().prefix((String) r.getOrDefault("Prefix", "")).build());
        }
        LifecycleExpiration.Builder expiration = LifecycleExpiration.builder();
        boolean expires = false;
        if (r.get("ExpirationInDays") instanceof Number days) {
            expiration.days(days.intValue());
            expires = true;
        }
        if (Boolean.TRUE.equals(r.get("ExpiredObjectDeleteMarker"))) {
            expiration.expiredObjectDeleteMarker(true);
            expires = true;
        }
        if (expires) {
            b.expiration(expiration.build());
        }
        if (r.get("NoncurrentVersionExpiration") instanceof Map<?, ?> n) {
            b.noncurrentVersionExpiration(NoncurrentVersionExpiration.builder()
                    .noncurrentDays(((Number) n.get("NoncurrentDays")).intValue()).build());
        }
        if (r.get("AbortIncompleteMultipartUpload") instanceof Map<?, ?> a) {
            b.abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
                    .daysAfterInitiation(((Number) a.get("DaysAfterInitiation")).intValue()).build());
        }
        return b.build();
    }

    @Test
    void mailGoesOutThroughSesFromTheVerifiedIdentityOnly() throws Exception {
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            ses.createEmailIdentity(b -> b.emailIdentity("dentalsystems.fi"));
            String subject = "Vahvista " + UUID.randomUUID();
            String id = new SesMailer(ses, "tietosuoja@dentalsystems.fi")
                    .send(new Mail("aino@example.fi", subject, "Hei,\n\nlinkki: http://localhost/verify\n"));
            assertThat(id).isNotBlank();
            String state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            assertThat(state).as("SES holds the sent message").contains(subject);

            assertThatThrownBy(() -> new SesMailer(ses, "someone@not-verified.example")
                    .send(new Mail("aino@example.fi", "x", "y"))).isInstanceOf(MessageRejectedException.class);
        }
    }
}
