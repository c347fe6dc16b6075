package fi.dentalsystems.register.local.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding (RFC 3986 section 2.1) into UTF-8 text. {@code URLDecoder} throws an
 * unchecked exception on a lone '%' and silently replaces bytes that are not UTF-8; here both are
 * an {@link HttpFault} (400), as nothing the register stores may be a replacement character.
 */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    /** A path or path segment: '+' is a plus sign. */
    public static String decodePath(String raw) {
        return decode(raw, false, "path");
    }

    /** A query name or value (application/x-www-form-urlencoded, as browsers send it): '+' is a space. */
    public static String decodeQuery(String raw) {
        return decode(raw, true, "query");
    }

    private static String decode(String raw, boolean plusIsSpace, String part) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw; // the request line is checked to be ASCII already
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw HttpFault.malformed("The " + part + " has a '%' not followed by two hexadecimal digits"
                            + " (RFC 3986 section 2.1).");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7F) {
                throw HttpFault.malformed("The " + part + " holds a character that is not percent-encoded.");
            } else {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HttpFault.malformed("The " + part + "'s percent-encoded bytes are not UTF-8.");
        }
    }
}
