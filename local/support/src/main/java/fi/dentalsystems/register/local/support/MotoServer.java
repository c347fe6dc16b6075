package fi.dentalsystems.register.local.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * moto_server (in the machine image) on a free loopback port, for the tests of the S3, SES, SQS and
 * SNS adapters over the real SDK and wire protocol. Close it when done.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() {
        int port = Dynalite.freePort();
        try {
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                        process.destroy();
                        throw new IllegalStateException("moto_server did not start", notYet);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
