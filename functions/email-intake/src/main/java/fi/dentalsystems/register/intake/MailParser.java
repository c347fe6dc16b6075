package fi.dentalsystems.register.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.mail.MailReference;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads real-world mail with Apache mime4j: encoded-word headers, quoted-printable and base64
 * bodies in any charset, multipart/alternative (plain text preferred), HTML-only mail (turned
 * to text), attachments (counted, never kept). Detects automatic mail by every common sign, and reads
 * delivery reports (which of the register's own mails did not arrive).
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
        String subject = utf8(Optional.ofNullable(message.getSubject()).orElse("")).strip();
        StringBuilder text = new StringBuilder();
        int[] attachments = {0};
        Reports reports = new Reports();
        collect(message, text, attachments, reports);
        return new ParsedMail(
                Optional.ofNullable(message.getMessageId()).map(String::strip).filter(s -> !s.isEmpty()),
                from.map(m -> utf8(m.getAddress())),
                from.map(Mailbox::getName).filter(n -> n != null && !n.isBlank()).map(n -> utf8(n).strip()),
                subject,
                text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString().strip(),
                automaticSign(message, from, subject, reports),
                deliveryReport(message, from, subject, reports, raw),
                attachments[0]);
    }

    /** What the parts of a multipart/report said (RFC 6522): its report type, and a delivery-status part's fields. */
    private static final class Reports {
        String reportType = "";
        boolean deliveryStatus;
        boolean dispositionNotification;
        final StringBuilder statusFields = new StringBuilder();
    }

    /**
     * mime4j reads raw 8-bit header bytes one byte per character; RFC 6532 mail carries UTF-8 there.
     * When the characters are the bytes of well-formed UTF-8, they are read as UTF-8; anything else
     * (a Latin-1 subject, say) stays as it was.
     */
    static String utf8(String value) {
        if (value == null || value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xff)) {
            return value;
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return value;
        }
    }

    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "MIME types and dispositions (ROOT locale) compared with ASCII protocol tokens to pick "
                    + "the text part; a crafted value can only misfile the sender's own mail")
    private static void collect(Entity entity, StringBuilder text, int[] attachments, Reports reports) {
        Body body = entity.getBody();
        String mime = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        if (body instanceof Multipart multipart) {
            if (mime.equals("multipart/report")) {
                String type = entity.getHeader().getField("Content-Type") instanceof org.apache.james.mime4j.dom.field.ContentTypeField ct
                        ? Optional.ofNullable(ct.getParameter("report-type")).orElse("") : "";
                reports.reportType = type.toLowerCase(Locale.ROOT);
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
                    collect(chosen, text, attachments, reports);
                }
                return;
            }
            for (Entity part : multipart.getBodyParts()) {
                collect(part, text, attachments, reports);
            }
            return;
        }
        if (body instanceof Message nested) {
            // a forwarded message: its text is the request
            collect(nested, text, attachments, reports);
            return;
        }
        if (mime.equals("message/delivery-status") || mime.equals("message/global-delivery-status")) {
            reports.deliveryStatus = true;
            if (body instanceof TextBody status) {
                reports.statusFields.append(read(status)).append('\n');
            } else if (body instanceof org.apache.james.mime4j.dom.BinaryBody binary) {
                try (java.io.InputStream in = binary.getInputStream()) {
                    reports.statusFields.append(new String(in.readNBytes(64 * 1024),
                            java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
                } catch (IOException e) {
                    // a report we cannot read is still a report
                }
            }
            return;
        }
        if (mime.equals("message/disposition-notification") || mime.equals("message/global-disposition-notification")) {
            reports.dispositionNotification = true;
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

    /** Subjects that out-of-office replies and read receipts start with (fi, sv, en; lower case, after Re:/VS:). */
    static final List<String> AUTOMATIC_SUBJECTS = List.of(
            "automatic reply", "auto reply", "auto-reply", "autoreply", "auto:", "autosvar", "autorespons",
            "auto response", "out of office", "out of the office", "away from the office", "away from my",
            "vacation reply", "on vacation", "on holiday", "absence", "read:", "not read:", "read receipt",
            "return receipt", "automaattinen vastaus", "automaattivastaus", "poissa toimistolta", "poissa:",
            "poissaolo", "lomalla", "lomavastaaja", "luettu:", "ei luettu:", "lukukuittaus",
            "automatiskt svar", "frånvaro", "frånvarande", "ej på kontoret", "inte på kontoret", "på semester",
            "läst:", "oläst:", "läskvitto");
    private static final Pattern NO_REPLY = Pattern.compile("(?i)(no|do[-_.]?not)[-_.]?reply([-_.+].*)?");
    /** Headers whose presence alone marks automatic mail: RFC 3834's kin from vendors. */
    private static final List<String> AUTOMATIC_HEADERS = List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder",
            "X-AutoReply-From", "X-Mail-Autoreply", "X-Autogenerated", "X-Apple-Action", "X-FC-MachineGenerated",
            "X-Precedence");

    /**
     * The sign that marks mail no person wrote to the register, or empty: RFC 3834 Auto-Submitted,
     * Precedence, the vendors' auto-reply headers (X-Autoreply, X-Autorespond, Apple's X-Apple-Action,
     * Microsoft's X-Auto-Response-Suppress: All), list and newsletter mail (List-Id, List-Unsubscribe), no-reply
     * senders, read receipts (RFC 8098 MDN reports, Outlook's
     * "Read:"), feedback reports (RFC 5965), and out-of-office subjects in Finnish, Swedish and English.
     * Answering any of them would start a mail loop (RFC 3834 §2).
     */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Header values and the subject (ROOT locale) compared with protocol tokens and fixed "
                    + "phrases to spot automatic mail; a crafted value can only misfile the sender's own mail")
    private static Optional<String> automaticSign(Message message, Optional<Mailbox> from, String subject,
                                                  Reports reports) {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
            return Optional.of("Auto-Submitted");
        }
        String precedence = header(message, "Precedence");
        if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
                || precedence.equals("auto_reply")) {
            return Optional.of("Precedence");
        }
        for (String name : AUTOMATIC_HEADERS) {
            if (message.getHeader().getField(name) != null) {
                return Optional.of(name);
            }
        }
        if (message.getHeader().getField("List-Unsubscribe") != null || message.getHeader().getField("List-Id") != null) {
            return Optional.of("List-Id"); // a list or newsletter: RFC 3834 §2 asks not to answer it
        }
        if (from.map(m -> NO_REPLY.matcher(m.getLocalPart()).matches()).orElse(false)) {
            return Optional.of("no-reply sender");
        }
        if (header(message, "X-Auto-Response-Suppress").contains("all")) {
            return Optional.of("X-Auto-Response-Suppress");
        }
        if (reports.dispositionNotification || reports.reportType.equals("disposition-notification")) {
            return Optional.of("disposition-notification");
        }
        if (reports.reportType.equals("feedback-report")) {
            return Optional.of("feedback-report");
        }
        if (!header(message, "Disposition-Notification-Options").isEmpty() && subject.isEmpty()) {
            return Optional.of("Disposition-Notification");
        }
        String s = subject.toLowerCase(Locale.ROOT);
        for (int i = 0; i < 3; i++) {
            s = s.replaceFirst("^(re|vs|sv|aw|fw|fwd|vl)\\s*:\\s*", "");
        }
        for (String start : AUTOMATIC_SUBJECTS) {
            if (s.startsWith(start)) {
                return Optional.of("subject");
            }
        }
        return Optional.empty();
    }

    private static final Pattern FAILED = Pattern.compile("(?im)^\\s*action\\s*:\\s*failed\\b");
    private static final Pattern STATUS = Pattern.compile("(?im)^\\s*status\\s*:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("(?:verification|request)\\.req_[0-9A-Z]{26}\\."
            + "[0-9a-f-]{36}@" + Pattern.quote(MailReference.LOCAL_DOMAIN));

    /**
     * A delivery report, or empty: an RFC 3464 report (multipart/report; report-type=delivery-status),
     * or a free-form bounce — null sender (Return-Path: <>), a mailer daemon or postmaster, Exim's
     * X-Failed-Recipients. The register's own mail it returns is found by the Message-ID the outbox
     * gave it, wherever the report quotes it.
     */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Local parts and subjects (ROOT locale) compared with protocol names; a crafted value "
                    + "can only misfile the sender's own mail")
    private static Optional<ParsedMail.DeliveryReport> deliveryReport(Message message, Optional<Mailbox> from,
                                                                      String subject, Reports reports, byte[] raw) {
        boolean structured = reports.deliveryStatus || reports.reportType.equals("delivery-status");
        String local = from.map(m -> m.getLocalPart().toLowerCase(Locale.ROOT)).orElse("");
        boolean mailSystem = local.equals("mailer-daemon") || local.equals("postmaster")
                || message.getHeader().getField("X-Failed-Recipients") != null;
        boolean nullSender = header(message, "Return-Path").equals("<>");
        if (!structured && !mailSystem && !nullSender) {
            return Optional.empty();
        }
        String status = "unknown";
        Matcher st = STATUS.matcher(reports.statusFields);
        if (st.find()) {
            status = st.group(1);
        }
        String s = subject.toLowerCase(Locale.ROOT);
        boolean failed = structured ? FAILED.matcher(reports.statusFields).find() || reports.statusFields.length() == 0
                : !(s.contains("delay") || s.contains("warning") || s.contains("viivästy") || s.contains("försen"));
        Matcher ours = OUR_MESSAGE_ID.matcher(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
        Optional<MailReference> returned = ours.find() ? MailReference.fromMessageId(ours.group()) : Optional.empty();
        return Optional.of(new ParsedMail.DeliveryReport(structured || mailSystem, failed, status, returned));
    }

    static Optional<String> firstAddress(MailboxList list) {
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0).getAddress());
    }
}
