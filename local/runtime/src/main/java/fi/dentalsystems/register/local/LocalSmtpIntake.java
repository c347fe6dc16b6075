package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fi.dentalsystems.register.intake.FolderRawMailStore;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Local inbound mail: an embedded SMTP server (GreenMail) on localhost. Each message it
 * receives is stored raw, as SES's S3 action would, and handed to the same email-intake
 * handler with the same SES-shaped event. Local mail has no SES verdicts.
 */
final class LocalSmtpIntake implements AutoCloseable {
    static final String BUCKET = "inbound";

    private final GreenMail smtp;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-intake");
        t.setDaemon(true);
        return t;
    });
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private int handled;

    LocalSmtpIntake(int port, FolderRawMailStore store, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        poller.scheduleWithFixedDelay(() -> drain(store, handler), 100, 100, TimeUnit.MILLISECONDS);
    }

    int port() {
        return smtp.getSmtp().getPort();
    }

    /** Outcomes in arrival order (CREATED, DUPLICATE, IGNORED_*, PARKED). */
    List<String> outcomes() {
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private synchronized void drain(FolderRawMailStore store, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        MimeMessage[] received = smtp.getReceivedMessages();
        while (handled < received.length) {
            MimeMessage message = received[handled++];
            String id = UUID.randomUUID().toString();
            try {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                store.write(BUCKET, id, raw.toByteArray());
                Map<String, Object> event = Map.of("Records", List.of(Map.of("eventSource", "aws:ses",
                        "ses", Map.of("mail", Map.of("messageId", id), "receipt", Map.of()))));
                List<String> result = (List<String>) handler.handleRequest(event, null).get("outcomes");
                outcomes.addAll(result);
                System.out.println("[smtp] " + id + " → " + String.join(",", result));
            } catch (Exception e) {
                outcomes.add("FAILED");
                System.out.println("[smtp] " + id + " failed: " + e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        smtp.stop();
    }
}
