package fi.dentalsystems.register.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads real-world mail with Apache mime4j: encoded-word headers, quoted-printable and base64
 * bodies in any charset, multipart/alternative (plain text preferred), HTML-only mail (turned
 * to text), attachments (counted, never kept). Detects auto-replies and bounces.
 */
final class MailParser {
    static final int MAX_TEXT = 20_000;
    private static final Pattern TAGS = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern DROP = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
    private static final Pattern BREAKS = Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");

    private MailParser() {
    }

    static ParsedMail parse(byte[] raw) throws MalformedMailException {
        if (raw.length == 0) {
            throw new MalformedMailException("empty");
        }
        Message message;
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.custom().setMaxLineLen(100_000).setMaxHeaderLen(100_000)
                    .setMaxHeaderCount(2_000).setStrictParsing(false).build());
            builder.setDecodeMonitor(DecodeMonitor.SILENT);
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            throw new MalformedMailException("unparseable");
        }
        if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
            throw new MalformedMailException("no headers");
        }
        if (message.getHeader().getField("From") == null && message.getHeader().getField("Subject") == null
                && message.getHeader().getField("Date") == null) {
            throw new MalformedMailException("not a mail message");
        }
        Optional<Mailbox> from = Optional.ofNullable(message.getFrom()).filter(l -> !l.isEmpty()).map(l -> l.get(0));
        String subject = Optional.ofNullable(message.getSubject()).orElse("").strip();
        StringBuilder text = new StringBuilder();
        int[] attachments = {0};
        boolean[] report = {false};
        collect(message, text, attachments, report);
        return new ParsedMail(
                Optional.ofNullable(message.getMessageId()).map(String::strip).filter(s -> !s.isEmpty()),
                from.map(m -> m.getAddress()),
                from.map(Mailbox::getName).filter(n -> n != null && !n.isBlank()).map(String::strip),
                subject,
                text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString().strip(),
                isAutomatic(message, subject),
                report[0] || isBounce(message, from),
                attachments[0]);
    }

    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "MIME types and dispositions (ROOT locale) compared with ASCII protocol tokens to pick "
                    + "the text part; a crafted value can only misfile the sender's own mail")
    private static void collect(Entity entity, StringBuilder text, int[] attachments, boolean[] report) {
        Body body = entity.getBody();
        String mime = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        if (body instanceof Multipart multipart) {
            if (mime.equals("multipart/report")) {
                report[0] = true;
            }
            if (mime.equals("multipart/alternative")) {
                // prefer the plain part; take HTML only when there is no plain text
                Entity chosen = null;
                for (Entity part : multipart.getBodyParts()) {
                    if ("text/plain".equalsIgnoreCase(part.getMimeType())) {
                        chosen = part;
                        break;
                    }
                    if (chosen == null) {
                        chosen = part;
                    }
                }
                if (chosen != null) {
                    collect(chosen, text, attachments, report);
                }
                return;
            }
            for (Entity part : multipart.getBodyParts()) {
                collect(part, text, attachments, report);
            }
            return;
        }
        if (body instanceof Message nested) {
            // a forwarded message: its text is the request
            collect(nested, text, attachments, report);
            return;
        }
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType())
                || entity.getFilename() != null;
        if (attachment || !(body instanceof TextBody textBody) || !(mime.equals("text/plain") || mime.equals("text/html"))) {
            attachments[0]++;
            return;
        }
        String content = read(textBody);
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(mime.equals("text/html") ? htmlToText(content) : content);
    }

    private static String read(TextBody body) {
        StringBuilder out = new StringBuilder();
        try (Reader reader = body.getReader()) {
            char[] buffer = new char[4096];
            int n;
            while ((n = reader.read(buffer)) > 0 && out.length() < MAX_TEXT) {
                out.append(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // an unknown charset or a broken encoding: keep what was read
        }
        return out.toString();
    }

    @SuppressFBWarnings(value = "MODIFICATION_AFTER_VALIDATION",
            justification = "Not a validation: HTML mail is turned into plain text (tags removed, then entities "
                    + "decoded, so a literal < the sender wrote comes back); the text is data, escaped wherever a "
                    + "page shows it")
    static String htmlToText(String html) {
        String text = DROP.matcher(html).replaceAll(" ");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&auml;", "ä").replace("&ouml;", "ö").replace("&aring;", "å")
                .replace("&Auml;", "Ä").replace("&Ouml;", "Ö").replace("&Aring;", "Å").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n\n").strip();
    }

    private static String header(Message message, String name) {
        Field field = message.getHeader().getField(name);
        return field == null ? "" : Optional.ofNullable(field.getBody()).orElse("").strip().toLowerCase(Locale.ROOT);
    }

    /** RFC 3834 Auto-Submitted, Precedence, and the common vendor headers and subjects of out-of-office replies. */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Header values and the subject (ROOT locale) compared with ASCII tokens to spot "
                    + "auto-replies; a crafted value can only misfile the sender's own mail")
    private static boolean isAutomatic(Message message, String subject) {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
            return true;
        }
        String precedence = header(message, "Precedence");
        if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
                || precedence.equals("auto_reply")) {
            return true;
        }
        if (!header(message, "X-Autoreply").isEmpty() || !header(message, "X-Autorespond").isEmpty()
                || header(message, "X-Auto-Response-Suppress").contains("all")) {
            return true;
        }
        String s = subject.toLowerCase(Locale.ROOT);
        return s.startsWith("automatic reply") || s.startsWith("auto:") || s.startsWith("out of office")
                || s.startsWith("automaattinen vastaus") || s.startsWith("poissa") || s.startsWith("automatiskt svar");
    }

    /** Null sender (Return-Path: <>), a mailer daemon, or a delivery report. */
    private static boolean isBounce(Message message, Optional<Mailbox> from) {
        String returnPath = header(message, "Return-Path");
        if (returnPath.equals("<>")) {
            return true;
        }
        String local = from.map(m -> m.getLocalPart().toLowerCase(Locale.ROOT)).orElse("");
        return local.equals("mailer-daemon") || local.equals("postmaster");
    }

    static Optional<String> firstAddress(MailboxList list) {
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0).getAddress());
    }
}
