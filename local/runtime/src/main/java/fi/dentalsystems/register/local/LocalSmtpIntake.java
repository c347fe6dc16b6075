package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.intake.FolderRawMailStore;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local inbound mail, as SES and the bucket's notification do it in AWS: the SMTP server keeps each
 * message raw (with the Return-Path and Received lines a final delivery adds), then the email-intake
 * handler gets the S3 event for it. The first attempt runs before the server answers: when the
 * register's engine cannot be reached the answer is 451 and the message is not kept, so the sending
 * server retries — nothing is accepted and dropped. Any other failure is accepted (the message is
 * kept): the attempt is retried like Lambda's and then parked in .local/dlq/ for ./dev redrive.
 */
final class LocalSmtpIntake implements AutoCloseable {
    static final String BUCKET = "inbound";
    static final String FUNCTION = "EmailIntakeFunction";

    private final LocalSmtpServer smtp;
    private final FolderRawMailStore store;
    private final LocalAsyncInvoke invoke;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    LocalSmtpIntake(int port, FolderRawMailStore store, RequestHandler<Map<String, Object>, Map<String, Object>> handler,
                    LocalAsyncInvoke.Settings settings) {
        this.store = store;
        this.invoke = new LocalAsyncInvoke(FUNCTION, event -> {
            List<String> result = (List<String>) handler.handleRequest(event, null).get("outcomes");
            outcomes.addAll(result);
            return result;
        }, settings.retries(), settings.delays(), settings.deadLetters());
        this.smtp = new LocalSmtpServer(port, this::receive);
    }

    int port() {
        return smtp.port();
    }

    /** Outcomes in arrival order (CREATED, DUPLICATE, IGNORED_*, BOUNCE_RECORDED, PARKED). */
    List<String> outcomes() {
        return outcomes;
    }

    private String receive(LocalSmtpServer.Envelope envelope) {
        String key = UUID.randomUUID().toString();
        try {
            store.write(BUCKET, key, delivered(envelope));
        } catch (RuntimeException e) {
            return "451 4.3.0 cannot store the message now; try again later";
        }
        Map<String, Object> event = s3Event(BUCKET, key);
        try {
            Object result = invoke.attempt(event);
            System.out.println("[smtp] " + key + " → " + result);
            return "250 2.0.0 " + key + " kept";
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                store.delete(BUCKET, key);
                System.out.println("[smtp] " + key + " refused for now: the register's engine cannot be reached");
                return "451 4.4.1 the register cannot take mail now; try again later";
            }
            System.out.println("[smtp] " + key + " kept; processing failed (" + e.getClass().getSimpleName()
                    + "), retrying");
            invoke.retryLater(event, e);
            return "250 2.0.0 " + key + " kept";
        }
    }

    /** The S3 ObjectCreated event the inbound bucket's notification sends in AWS: bucket and key. */
    static Map<String, Object> s3Event(String bucket, String key) {
        return Map.of("Records", List.of(Map.of("eventSource", "aws:s3", "eventName", "ObjectCreated:Put",
                "s3", Map.of("bucket", Map.of("name", bucket),
                        "object", Map.of("key", URLEncoder.encode(key, StandardCharsets.UTF_8))))));
    }

    /** The SDK could not reach the engine at all (refused, timed out), as opposed to an answer that failed. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof software.amazon.awssdk.core.exception.SdkClientException
                    && !(t instanceof software.amazon.awssdk.core.exception.SdkServiceException)) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The message as final delivery stores it: the envelope's Return-Path (any earlier one removed) and a Received line. */
    static byte[] delivered(LocalSmtpServer.Envelope envelope) {
        String data = new String(envelope.data(), StandardCharsets.ISO_8859_1);
        StringBuilder headers = new StringBuilder();
        int end = data.indexOf("\r\n\r\n");
        String head = end < 0 ? data : data.substring(0, end + 2);
        String body = end < 0 ? "" : data.substring(end + 2);
        boolean skipping = false;
        for (String line : head.split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (!continuation) {
                skipping = line.toLowerCase(Locale.ROOT).startsWith("return-path:");
            }
            if (!skipping) {
                headers.append(line).append("\r\n");
            }
        }
        String trace = "Return-Path: <" + envelope.sender() + ">\r\n"
                + "Received: from " + envelope.helo().replaceAll("[\\r\\n]", "") + " by localhost with ESMTP id "
                + UUID.randomUUID() + "; " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] traceBytes = trace.getBytes(StandardCharsets.UTF_8);
        out.write(traceBytes, 0, traceBytes.length);
        byte[] rest = (headers + (end < 0 ? "" : body)).getBytes(StandardCharsets.ISO_8859_1);
        out.write(rest, 0, rest.length);
        return out.toByteArray();
    }

    @Override
    public void close() {
        smtp.close();
        invoke.close();
    }
}
