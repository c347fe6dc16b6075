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
