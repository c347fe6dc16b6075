package fi.dentalsystems.register.local;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small SMTP server (RFC 5321) on loopback, in the place of SES's inbound endpoint: EHLO/HELO, MAIL
 * (the null sender {@code <>} too — every bounce uses it), RCPT, DATA (dot-unstuffed, kept byte for
 * byte), RSET, NOOP, QUIT; SMTPUTF8 and 8BITMIME, so internationalised addresses (RFC 6531) arrive. The
 * reply to the end of DATA is the receiver's: 250 once the message is kept, a 4xx when it cannot be,
 * so the sending server keeps it and tries again — a message is never accepted and then dropped.
 */
final class LocalSmtpServer implements AutoCloseable {
    static final int MAX_MESSAGE = 12 * 1024 * 1024;

    /** One received message: the envelope and the data as sent (unstuffed). */
    record Envelope(String helo, String sender, List<String> recipients, byte[] data) {
    }

    /** What the server answers at the end of DATA: a full reply line such as "250 2.0.0 queued". */
    interface Receiver {
        String receive(Envelope message);
    }

    private final ServerSocket socket;
    private final Receiver receiver;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-connection");
        t.setDaemon(true);
        return t;
    });

    LocalSmtpServer(int port, Receiver receiver) {
        this.receiver = receiver;
        try {
            this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for SMTP on port " + port, e);
        }
        Thread acceptor = new Thread(this::accept, "smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.execute(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            client.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            reply(out, "220 localhost ESMTP customer register (local intake)");
            String helo = null;
            String sender = null;
            List<String> recipients = new ArrayList<>();
            while (true) {
                String line = readLine(in, 4096);
                if (line == null) {
                    return;
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO ") || upper.equals("EHLO")) {
                    helo = line.length() > 5 ? line.substring(5).strip() : "unknown";
                    sender = null;
                    recipients.clear();
                    out.write(("250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n"
                            + "250-SIZE " + MAX_MESSAGE + "\r\n250 PIPELINING\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else if (upper.startsWith("HELO ")) {
                    helo = line.substring(5).strip();
                    sender = null;
                    recipients.clear();
                    reply(out, "250 localhost");
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (helo == null) {
                        reply(out, "503 5.5.1 EHLO first");
                        continue;
                    }
                    String path = path(line.substring(10));
                    if (path == null) {
                        reply(out, "501 5.1.7 bad sender address syntax");
                        continue;
                    }
                    sender = path; // "" is the null sender: bounces and other notifications
                    recipients.clear();
                    reply(out, "250 2.1.0 sender ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    if (sender == null) {
                        reply(out, "503 5.5.1 MAIL first");
                        continue;
                    }
                    String path = path(line.substring(8));
                    if (path == null || path.isEmpty()) {
                        reply(out, "501 5.1.3 bad recipient address syntax");
                        continue;
                    }
                    recipients.add(path);
                    reply(out, "250 2.1.5 recipient ok");
                } else if (upper.equals("DATA")) {
                    if (sender == null || recipients.isEmpty()) {
                        reply(out, "503 5.5.1 RCPT first");
                        continue;
                    }
                    reply(out, "354 end data with <CR><LF>.<CR><LF>");
                    byte[] data = readData(in);
                    if (data == null) {
                        reply(out, "552 5.3.4 message too large");
                    } else {
                        String answer;
                        try {
                            answer = receiver.receive(new Envelope(helo, sender, List.copyOf(recipients), data));
                        } catch (RuntimeException e) {
                            answer = "451 4.3.0 cannot keep the message now; try again later";
                        }
                        reply(out, answer);
                    }
                    sender = null;
                    recipients.clear();
                } else if (upper.equals("RSET")) {
                    sender = null;
                    recipients.clear();
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("NOOP") || upper.startsWith("NOOP ")) {
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else if (upper.startsWith("VRFY")) {
                    reply(out, "252 2.5.2 cannot verify; send the message");
                } else {
                    reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (SocketTimeoutException idle) {
            // the client went quiet: the connection ends without a message
        } catch (IOException gone) {
            // the client went away
        }
    }

    /** The address inside {@code <...>} (parameters such as SIZE= or SMTPUTF8 after it are accepted). */
    private static String path(String argument) {
        String a = argument.strip();
        if (!a.startsWith("<")) {
            int space = a.indexOf(' ');
            return space < 0 ? (a.isEmpty() ? null : a) : a.substring(0, space);
        }
        int end = a.indexOf('>');
        return end < 0 ? null : a.substring(1, end).strip();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A command line (UTF-8: SMTPUTF8 addresses), without its CRLF; null when the client closed. */
    private static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            if (line.size() < max) {
                line.write(c);
            }
        }
        return null;
    }

    /** The message up to the lone dot, unstuffed, with CRLF line ends; null when over the size limit. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLarge = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                line.write(c);
                continue;
            }
            byte[] b = line.toByteArray();
            line.reset();
            int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
            if (n == 1 && b[0] == '.') {
                return tooLarge ? null : data.toByteArray();
            }
            int from = n > 0 && b[0] == '.' ? 1 : 0;
            if (data.size() + n < MAX_MESSAGE) {
                data.write(b, from, n - from);
                data.write('\r');
                data.write('\n');
            } else {
                tooLarge = true;
            }
        }
        throw new IOException("the connection closed inside DATA");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
