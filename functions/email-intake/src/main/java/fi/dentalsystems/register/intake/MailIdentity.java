package fi.dentalsystems.register.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which message a delivery is, by identity, not by label: the Message-ID (when there is one) and a
 * SHA-256 of what its author wrote — every header field but the ones servers add on the way (trace
 * fields of RFC 5322 §3.6.7, SES's verdicts, authentication results, spam scores), and the body with
 * line ends normalised. The same message delivered twice, or again with more Received lines, is one
 * request; two different messages that a broken mailer gave the same Message-ID are two.
 */
final class MailIdentity {
    /** Fields (lower case prefixes) that a server on the way adds or rewrites. */
    private static final List<String> TRANSPORT = List.of("received", "return-path", "delivered-to", "x-original-to",
            "envelope-to", "delivery-date", "x-envelope-", "x-ses-", "received-spf", "authentication-results",
            "arc-", "dkim-signature", "x-spam", "x-virus", "x-received", "x-gm-", "x-google-", "x-ms-exchange-",
            "x-forefront-", "x-microsoft-antispam", "x-mimecast-", "x-mc-", "x-msg-ref", "x-originating-ip",
            "x-report-abuse", "x-proofpoint-", "x-cloudmark-");

    private MailIdentity() {
    }

    /** The key a request id is derived from: {@code mail:<message-id>#<digest>}. */
    static String key(Optional<String> messageId, byte[] raw) {
        return "mail:" + messageId.map(id -> id.length() > 300 ? id.substring(0, 300) : id).orElse("") + "#"
                + digest(raw);
    }

    static String digest(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
        int split = text.indexOf("\n\n");
        String headers = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        StringBuilder canonical = new StringBuilder();
        String field = null;
        for (String line : headers.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                field = field + " " + line.strip(); // a folded continuation
                continue;
            }
            append(canonical, field);
            field = line;
        }
        append(canonical, field);
        canonical.append("\n").append(body.stripTrailing());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Header names (bytes read as ISO-8859-1, ROOT locale) compared with ASCII field names; a "
                    + "crafted name can only change the digest of the sender's own mail")
    private static void append(StringBuilder canonical, String field) {
        if (field == null || field.isEmpty()) {
            return;
        }
        int colon = field.indexOf(':');
        String name = (colon < 0 ? field : field.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        if (TRANSPORT.stream().anyMatch(name::startsWith)) {
            return;
        }
        String value = colon < 0 ? "" : field.substring(colon + 1).strip().replaceAll("\\s+", " ");
        canonical.append(name).append(':').append(value).append('\n');
    }
}
