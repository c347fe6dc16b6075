package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.S3ExportStore;
import fi.dentalsystems.register.local.support.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 export adapter over the real SDK and wire protocol against moto_server: SSE-KMS with
 * the named key on every object, the conditional put keeping the first export, read, delete.
 */
class S3ExportStoreOnMotoTest {
    static Process moto;
    static URI endpoint;
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

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

    @Test
    void exportsAreStoredOnceUnderTheRegisterKeyReadAndDeleted() {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("exports").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            String keyArn = "arn:aws:kms:eu-west-1:123456789012:key/0d3f5a9e-1111-4222-8333-944455556666";
            ExportStore store = new S3ExportStore(s3, "exports", keyArn);
            String key = ExportStore.keyOf("req_01JDAAAAAAAAAAAAAAAAAAAAAA");
            byte[] first = "<html lang=\"fi\">Aada</html>".getBytes(StandardCharsets.UTF_8);

            assertThat(store.get(key)).isEmpty();
            assertThat(store.putIfAbsent(key, first)).isTrue();
            assertThat(store.putIfAbsent(key, "<html>second run</html>".getBytes(StandardCharsets.UTF_8)))
                    .as("a retried completion keeps the first export").isFalse();
            assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(first));

            var head = s3.headObject(b -> b.bucket("exports").key(key));
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).endsWith("0d3f5a9e-1111-4222-8333-944455556666");
            assertThat(head.contentType()).startsWith("text/html");

            store.delete(key);
            assertThat(store.get(key)).isEmpty();
            store.delete(key); // gone already: not an error
        }
    }
}
