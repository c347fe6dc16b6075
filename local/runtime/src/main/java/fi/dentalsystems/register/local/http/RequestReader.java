package fi.dentalsystems.register.local.http;

import fi.dentalsystems.register.core.http.ProblemType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection, strictly: whatever could be read two ways
 * by two parsers (bare CR or LF, obs-fold, whitespace before a colon, two Content-Lengths,
 * Content-Length with Transfer-Encoding) is an {@link HttpFault}, never a guess, because a guess
 * is how requests get smuggled past whatever stands in front (RFC 9112 section 11.2).
 */
final class RequestReader {
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9._~!$&'()*+,;=%-]*|\\[[0-9A-Fa-f:.]+])(?::[0-9]*)?");
    private static final Pattern VERSION = Pattern.compile("HTTP/([0-9])\\.([0-9])");
    private static final int CHUNK_LINE_BYTES = 4096;

    /** What the head of a request says, before its body is read. */
    record Head(String method, String rawPath, Optional<String> rawQuery, int minorVersion,
                List<HttpRequest.Field> fields, long contentLength, boolean chunked, boolean expectsContinue,
                boolean keepAlive) {

        boolean hasBody() {
            return chunked || contentLength > 0;
        }
    }

    private final InputStream in;
    private final HttpLimits limits;
    private final Runnable onStart;
    private boolean started;

    /** {@code onStart} runs once the first byte of each request has arrived (the server's timeout changes then). */
    RequestReader(InputStream in, HttpLimits limits, Runnable onStart) {
        this.in = in;
        this.limits = limits;
        this.onStart = onStart;
    }

    /** Whether a byte of the request being read has arrived: a stall after it earns a 408, before it only a close. */
    boolean started() {
        return started;
    }

    /** The next request's head; empty when the connection ended cleanly between requests. */
    Optional<Head> readHead() throws IOException {
        started = false;
        String requestLine = "";
        int skipped = 0;
        while (requestLine.isEmpty()) {
            // RFC 9112 section 2.2: a server SHOULD ignore empty lines received before the request line
            String line = readLine(limits.requestLineBytes() - skipped, true,
                    () -> new HttpFault(ProblemType.URI_TOO_LONG, "The request line is longer than "
                            + limits.requestLineBytes() + " bytes."));
            if (line == null) {
                return Optional.empty();
            }
            requestLine = line;
            skipped += 2;
        }
        for (int i = 0; i < requestLine.length(); i++) {
            char c = requestLine.charAt(i);
            if (c != ' ' && (c <= 0x20 || c >= 0x7F)) {
                // a control character or a raw non-ASCII byte: targets carry those percent-encoded (RFC 3986)
                throw HttpFault.malformed("The request line holds a byte that is neither visible ASCII nor a space"
                        + " (RFC 9112 section 3).");
            }
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw HttpFault.malformed("The request line must be a method, a target and a version, separated by"
                    + " single spaces (RFC 9112 section 3).");
        }
        String method = parts[0];
        if (!isToken(method)) {
            throw HttpFault.malformed("The method is not a token (RFC 9110 section 9.1).");
        }
        var version = VERSION.matcher(parts[2]);
        if (!version.matches()) {
            throw HttpFault.malformed("The protocol version is not HTTP/<digit>.<digit> (RFC 9112 section 2.3).");
        }
        if (!version.group(1).equals("1")) {
            throw new HttpFault(ProblemType.HTTP_VERSION_NOT_SUPPORTED, "This server speaks HTTP/1.1 and HTTP/1.0.");
        }
        int minor = Integer.parseInt(version.group(2));
        String target = originForm(parts[1]);
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        Optional<String> rawQuery = question < 0 ? Optional.empty() : Optional.of(target.substring(question + 1));

        List<HttpRequest.Field> fields = readFields("header");
        return Optional.of(frame(method, rawPath, rawQuery, minor, fields));
    }

    /** The body the head announced, without its framing; trailer fields are checked and dropped. */
    byte[] readBody(Head head) throws IOException {
        if (head.chunked()) {
            return readChunked();
        }
        if (head.contentLength() == 0) {
            return new byte[0];
        }
        byte[] body = in.readNBytes((int) head.contentLength());
        if (body.length < head.contentLength()) {
            throw HttpFault.malformed("The connection ended before the body reached its Content-Length.");
        }
        return body;
    }

    private static String originForm(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            // the request line is already visible ASCII; '#' starts a fragment, which a target never has
            if (c == '#') {
                throw HttpFault.malformed("The request target holds a fragment ('#'), which HTTP never sends.");
            }
        }
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"http://", "https://"}) {
            if (lower.startsWith(scheme)) {
                // absolute-form (RFC 9112 section 3.2.2): a server MUST accept it; the authority is not routed on
                int slash = target.indexOf('/', scheme.length());
                int question = target.indexOf('?', scheme.length());
                if (slash < 0 || (question >= 0 && question < slash)) {
                    return "/" + (question < 0 ? "" : target.substring(question));
                }
                return target.substring(slash);
            }
        }
        throw HttpFault.malformed("The request target must be a path starting with '/' (RFC 9112 section 3.2).");
    }

    private Head frame(String method, String rawPath, Optional<String> rawQuery, int minor,
                       List<HttpRequest.Field> fields) {
        List<String> hosts = values(fields, "host");
        if (minor >= 1 && hosts.size() != 1 || hosts.size() > 1) {
            throw HttpFault.malformed("An HTTP/1.1 request needs exactly one Host field (RFC 9112 section 3.2).");
        }
        if (!hosts.isEmpty() && !HOST.matcher(hosts.get(0)).matches()) {
            throw HttpFault.malformed("The Host field is not a host and port (RFC 9110 section 7.2).");
        }
        List<String> transferEncodings = values(fields, "transfer-encoding");
        List<String> contentLengths = values(fields, "content-length");
        boolean chunked = false;
        long contentLength = 0;
        if (!transferEncodings.isEmpty()) {
            if (!contentLengths.isEmpty()) {
                // RFC 9112 section 6.3: the classic smuggling pair; the only safe answer is none of either reading
                throw HttpFault.malformed("Content-Length and Transfer-Encoding together frame the body twice"
                        + " (RFC 9112 section 6.3).");
            }
            if (minor == 0) {
                throw HttpFault.malformed("Transfer-Encoding in an HTTP/1.0 request makes its framing faulty"
                        + " (RFC 9112 section 6.1).");
            }
            chunked = transferCodings(String.join(",", transferEncodings));
        } else if (!contentLengths.isEmpty()) {
            if (contentLengths.size() > 1 || contentLengths.get(0).contains(",")) {
                throw HttpFault.malformed("The body has more than one Content-Length (RFC 9112 section 6.3).");
            }
            String digits = contentLengths.get(0);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw HttpFault.malformed("Content-Length is not a decimal number of bytes (RFC 9110 section 8.6).");
            }
            String significant = digits.replaceFirst("^0+(?=.)", "");
            contentLength = significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
            if (contentLength > limits.bodyBytes()) {
                throw tooLarge();
            }
        }
        boolean expectsContinue = false;
        List<String> expectations = values(fields, "expect");
        if (!expectations.isEmpty() && minor >= 1) { // RFC 9110 section 10.1.1: HTTP/1.0 expectations are ignored
            if (expectations.size() != 1 || !expectations.get(0).equalsIgnoreCase("100-continue")) {
                throw new HttpFault(ProblemType.EXPECTATION_FAILED, "The only expectation this server meets is"
                        + " 100-continue (RFC 9110 section 10.1.1).");
            }
            expectsContinue = true;
        }
        List<String> connection = values(fields, "connection").stream()
                .flatMap(v -> List.of(v.split(",")).stream()).map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
        boolean keepAlive = minor >= 1 ? !connection.contains("close") : connection.contains("keep-alive");
        return new Head(method, rawPath, rawQuery, minor, fields, contentLength, chunked, expectsContinue, keepAlive);
    }

    /** True for "chunked", the one coding this server decodes; the reasons otherwise are RFC 9112 section 6.1. */
    private static boolean transferCodings(String value) {
        List<String> codings = new ArrayList<>();
        for (String element : value.split(",", -1)) {
            String coding = element.strip();
            int parameters = coding.indexOf(';');
            String name = (parameters < 0 ? coding : coding.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !isToken(name)) {
                throw HttpFault.malformed("Transfer-Encoding is not a list of transfer codings.");
            }
            if (!name.isEmpty()) {
                codings.add(name);
            }
        }
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
            throw HttpFault.malformed("chunked must be the final transfer coding, or the body has no length"
                    + " (RFC 9112 section 6.3).");
        }
        if (codings.stream().filter(c -> c.equals("chunked")).count() > 1) {
            throw HttpFault.malformed("chunked may be applied only once (RFC 9112 section 6.1).");
        }
        if (codings.size() > 1) {
            throw new HttpFault(ProblemType.NOT_IMPLEMENTED, "The only transfer coding this server decodes is chunked.");
        }
        return true;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(CHUNK_LINE_BYTES, false,
                    () -> HttpFault.malformed("A chunk-size line is longer than " + CHUNK_LINE_BYTES + " bytes."));
            int end = 0;
            while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
                end++;
            }
            String rest = line.substring(end).stripLeading();
            if (end == 0 || !(rest.isEmpty() || rest.startsWith(";"))) {
                throw HttpFault.malformed("A chunk does not start with its size in hexadecimal (RFC 9112 section 7.1).");
            }
            String digits = line.substring(0, end).replaceFirst("^0+(?=.)", "");
            if (digits.length() > 8) {
                throw tooLarge();
            }
            long size = Long.parseLong(digits, 16);
            if (size == 0) {
                readFields("trailer");
                return body.toByteArray();
            }
            if (body.size() + size > limits.bodyBytes()) {
                throw tooLarge();
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw HttpFault.malformed("The connection ended inside a chunk: the chunked body is truncated.");
            }
            body.write(data);
            int cr = in.read();
            int lf = cr == '\r' ? in.read() : -2;
            if (cr < 0 || lf == -1) {
                throw HttpFault.malformed("The connection ended inside a chunk: the chunked body is truncated.");
            }
            if (lf != '\n') {
                throw HttpFault.malformed("A chunk's data is not followed by CRLF: its size is wrong"
                        + " (RFC 9112 section 7.1).");
            }
        }
    }

    private List<HttpRequest.Field> readFields(String kind) throws IOException {
        List<HttpRequest.Field> fields = new ArrayList<>();
        int budget = limits.headerSectionBytes();
        while (true) {
            String line = readLine(budget, false, () -> new HttpFault(ProblemType.HEADER_FIELDS_TOO_LARGE,
                    "The " + kind + " fields are longer than " + limits.headerSectionBytes() + " bytes together."));
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return fields;
            }
            if (fields.size() == limits.headerFields()) {
                throw new HttpFault(ProblemType.HEADER_FIELDS_TOO_LARGE, "There are more than "
                        + limits.headerFields() + " " + kind + " fields.");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw HttpFault.malformed("A " + kind + " field is folded over lines (obs-fold), which RFC 9112"
                        + " section 5.2 lets a server reject.");
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw HttpFault.malformed("A " + kind + " field line has no colon (RFC 9112 section 5).");
            }
            String name = line.substring(0, colon);
            if (!isToken(name)) {
                throw HttpFault.malformed("A " + kind + " field name is not a token; no whitespace may precede"
                        + " the colon (RFC 9112 section 5.1).");
            }
            String value = strip(line.substring(colon + 1));
            if (!isFieldValue(value)) {
                throw HttpFault.malformed("A " + kind + " field value holds a control character (RFC 9110"
                        + " section 5.5).");
            }
            fields.add(new HttpRequest.Field(name, value));
        }
    }

    /**
     * One line up to its CRLF, as ISO-8859-1 (byte for byte); null for an end of stream before
     * its first byte where {@code endAllowed}. A CR not followed by LF, or an LF without CR, is a fault.
     */
    private String readLine(int limit, boolean endAllowed, java.util.function.Supplier<HttpFault> tooLong)
            throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && line.isEmpty() && !started) {
                    return null;
                }
                throw HttpFault.malformed("The connection ended before the request was complete.");
            }
            if (!started && b != '\r' && b != '\n') {
                started = true;
                onStart.run();
            }
            if (b == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return line.toString();
                }
                if (next < 0) {
                    throw HttpFault.malformed("The connection ended before the request was complete.");
                }
                throw HttpFault.malformed("A bare CR is not a line ending; HTTP lines end with CRLF"
                        + " (RFC 9112 section 2.2).");
            }
            if (b == '\n') {
                throw HttpFault.malformed("A bare LF is not a line ending; HTTP lines end with CRLF"
                        + " (RFC 9112 section 2.2).");
            }
            if (line.length() >= limit) {
                throw tooLong.get();
            }
            line.append((char) b);
        }
    }

    private HttpFault tooLarge() {
        return new HttpFault(ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than " + limits.bodyBytes() + " bytes.");
    }

    private static List<String> values(List<HttpRequest.Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(HttpRequest.Field::value).toList();
    }

    private static String strip(String value) {
        int from = 0;
        int to = value.length();
        while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
            to--;
        }
        return value.substring(from, to);
    }

    /** RFC 9110 section 5.6.2. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c < 0x80 && Character.isLetterOrDigit(c);
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 section 5.5: visible characters, obs-text, spaces and tabs; no other control character. */
    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
