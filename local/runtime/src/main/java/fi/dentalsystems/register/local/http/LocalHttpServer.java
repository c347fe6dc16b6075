package fi.dentalsystems.register.local.http;

import fi.dentalsystems.register.core.http.ProblemType;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server for the local runtime (decision 0015): one thread per connection,
 * persistent connections, Content-Length and chunked bodies, {@code Expect: 100-continue}.
 * Everything it refuses is answered with a problem+json body before the connection closes, as
 * the API's own handlers answer: a request once received never vanishes unseen.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    /** How long a connection that will close is read and discarded after its answer, so the answer is not reset. */
    private static final int LINGER_MILLIS = 1000;
    private static final int LINGER_BYTES = 1024 * 1024;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(417, "Expectation Failed"),
            Map.entry(422, "Unprocessable Content"), Map.entry(428, "Precondition Required"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    private final ServerSocket listener;
    private final HttpLimits limits;
    private final Function<HttpRequest, HttpAnswer> handler;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LocalHttpServer(ServerSocket listener, HttpLimits limits, Function<HttpRequest, HttpAnswer> handler) {
        this.listener = listener;
        this.limits = limits;
        this.handler = handler;
        AtomicInteger counter = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on 127.0.0.1 (port 0: any free one) and answers each request with {@code handler}. */
    public static LocalHttpServer start(int port, HttpLimits limits, Function<HttpRequest, HttpAnswer> handler)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        LocalHttpServer server = new LocalHttpServer(listener, limits, handler);
        Thread acceptor = new Thread(server::accept, "local-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // one failed accept (the peer reset at once) is no reason to stop listening
            }
            open.add(socket);
            try {
                connections.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (RuntimeException rejected) { // closing: the executor takes no more
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            RequestReader reader = new RequestReader(in, limits, () -> timeout(socket, limits.requestTimeout().toMillis()));
            while (!closed) {
                timeout(socket, limits.idleTimeout().toMillis());
                Optional<RequestReader.Head> head = Optional.empty();
                HttpAnswer answer;
                boolean keepAlive = false;
                try {
                    head = reader.readHead();
                    if (head.isEmpty()) {
                        return; // the client closed between requests: nothing was asked
                    }
                    if (head.get().expectsContinue() && head.get().hasBody()) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    byte[] body = reader.readBody(head.get());
                    keepAlive = head.get().keepAlive();
                    answer = answer(head.get(), body);
                } catch (HttpFault fault) {
                    // the framing is broken or unread: what follows on this connection cannot be trusted
                    answer = HttpAnswer.problem(fault.type(), fault.detail());
                } catch (SocketTimeoutException timeout) {
                    if (!reader.started()) {
                        return; // an idle persistent connection: closing it is the ordinary end
                    }
                    answer = HttpAnswer.problem(ProblemType.REQUEST_TIMEOUT, "No byte of the request arrived for "
                            + limits.requestTimeout().toMillis() + " ms; send the whole request at once.");
                }
                write(out, answer, head.map(h -> h.method().equalsIgnoreCase("HEAD")).orElse(false),
                        keepAlive, head.map(RequestReader.Head::minorVersion).orElse(1));
                if (!keepAlive) {
                    linger(socket, in);
                    return;
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // the peer went away or reset: there is no one left to answer
        }
    }

    /** A well-framed request: its target is decoded here, so a bad one is a 400 on a connection that stays open. */
    private HttpAnswer answer(RequestReader.Head head, byte[] body) {
        try {
            PercentEncoding.decodePath(head.rawPath());
            head.rawQuery().ifPresent(PercentEncoding::decodeQuery);
            return handler.apply(new HttpRequest(head.method(), head.rawPath(), head.rawQuery(), head.fields(), body,
                    head.chunked()));
        } catch (HttpFault fault) {
            return HttpAnswer.problem(fault.type(), fault.detail());
        } catch (RuntimeException unexpected) {
            return HttpAnswer.problem(ProblemType.INTERNAL, "The local runtime failed to answer; see its console.");
        }
    }

    private static void write(OutputStream out, HttpAnswer answer, boolean head, boolean keepAlive, int minor)
            throws IOException {
        StringBuilder text = new StringBuilder(256);
        text.append("HTTP/1.1 ").append(answer.status()).append(' ')
                .append(REASONS.getOrDefault(answer.status(), "Status")).append("\r\n");
        text.append("date: ").append(IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        answer.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // framing is the server's alone: a handler's length or coding could only contradict it
            if (!Set.of("content-length", "transfer-encoding", "connection", "date").contains(lower)) {
                text.append(lower).append(": ").append(value).append("\r\n");
            }
        });
        boolean bodyAllowed = answer.status() != 204 && answer.status() != 304 && answer.status() >= 200;
        if (bodyAllowed) {
            // HEAD: the length a GET would have (RFC 9110 section 9.3.2), and no body
            text.append("content-length: ").append(answer.body().length).append("\r\n");
        }
        if (!keepAlive) {
            text.append("connection: close\r\n");
        } else if (minor == 0) {
            text.append("connection: keep-alive\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyAllowed && !head) {
            out.write(answer.body());
        }
        out.flush();
    }

    /**
     * Closes after an answer without losing it: a close with unread bytes in the receive buffer
     * sends a TCP reset, and the peer may discard the answer still unread on its side.
     */
    private static void linger(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            byte[] discard = new byte[8192];
            int total = 0;
            long until = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            int n;
            while (total < LINGER_BYTES && System.nanoTime() < until && (n = in.read(discard)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the peer closed or stalled: the answer is out, the close below is all that is left
        }
    }

    private static void timeout(Socket socket, long millis) {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops listening and closes every connection, answered or not: the process is going away. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(LocalHttpServer::closeQuietly);
        connections.shutdownNow();
    }
}
