package fi.dentalsystems.register.core.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * The local mail transport: each mail becomes an RFC 5322 .eml file in the outbox folder
 * (.local/outbox/), readable by any mail client. UTF-8, base64 body, encoded-word subject.
 */
public final class OutboxMailer implements Mailer {
    private final Path outbox;
    private final String from;
    private final Clock clock;

    public OutboxMailer(Path outbox, String from, Clock clock) {
        this.outbox = outbox;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public String send(Mail mail) {
        String id = UUID.randomUUID().toString();
        String name = clock.instant().toEpochMilli() + "-" + id + ".eml";
        String message = "From: " + from + "\r\n"
                + "To: " + mail.to() + "\r\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(mail.subject().getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)) + "\r\n"
                + "Message-ID: " + mail.reference().map(r -> r.messageId(id)).orElse("<" + id + "@"
                + MailReference.LOCAL_DOMAIN + ">") + "\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(mail.text().getBytes(StandardCharsets.UTF_8)) + "\r\n";
        try {
            Files.createDirectories(outbox);
            Path temp = outbox.resolve(name + ".part");
            Files.writeString(temp, message, StandardCharsets.UTF_8); // RFC 6532: an internationalised address stays as it is
            Files.move(temp, outbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox", e);
        }
        return name;
    }
}
