package fi.dentalsystems.register.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SES's verdicts as its S3 action writes them into the stored message: the header block SES puts on
 * top (X-SES-Spam-Verdict, X-SES-Virus-Verdict, Authentication-Results by amazonses.com) and closes
 * with X-SES-RECEIPT. Only that block counts — SES prepends it, so a sender's own "verdict" headers
 * lie below it and are never read. Without the block (local mail) there are no verdicts.
 */
@SuppressFBWarnings(value = "IMPROPER_UNICODE",
        justification = "Header names and SES's verdict words (bytes read as ISO-8859-1, ROOT locale) compared with "
                + "ASCII protocol tokens; a crafted value below SES's block is never read")
final class SesVerdicts {
    private static final Pattern RESULT = Pattern.compile("\\b(spf|dkim|dmarc)=([a-z]+)");

    private SesVerdicts() {
    }

    static Map<String, String> read(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\n");
        Map<String, String> verdicts = new LinkedHashMap<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            boolean continuation = i < lines.length && !lines[i].isEmpty()
                    && (lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t');
            if (continuation) {
                field.append(' ').append(lines[i].strip());
                continue;
            }
            if (field.length() > 0) {
                String f = field.toString();
                int colon = f.indexOf(':');
                String name = colon < 0 ? "" : f.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : f.substring(colon + 1).strip();
                if (name.equals("x-ses-receipt")) {
                    return verdicts;
                }
                take(verdicts, name, value);
            }
            field.setLength(0);
            if (i < lines.length) {
                field.append(lines[i]);
            }
        }
        return Map.of(); // no SES block: not received by SES
    }

    private static void take(Map<String, String> verdicts, String name, String value) {
        String v = value.toUpperCase(Locale.ROOT);
        switch (name) {
            case "x-ses-spam-verdict" -> verdicts.putIfAbsent("spamVerdict", v);
            case "x-ses-virus-verdict" -> verdicts.putIfAbsent("virusVerdict", v);
            case "authentication-results" -> {
                if (!value.toLowerCase(Locale.ROOT).startsWith("amazonses.com")) {
                    return;
                }
                Matcher m = RESULT.matcher(value.toLowerCase(Locale.ROOT));
                while (m.find()) {
                    verdicts.putIfAbsent(m.group(1) + "Verdict", status(m.group(2)));
                }
            }
            default -> {
                // not a verdict
            }
        }
    }

    /** The SES event's words for a result: PASS, FAIL, GRAY, PROCESSING_FAILED. */
    private static String status(String result) {
        return switch (result) {
            case "pass" -> "PASS";
            case "fail" -> "FAIL";
            case "temperror", "permerror" -> "PROCESSING_FAILED";
            default -> "GRAY";
        };
    }
}
