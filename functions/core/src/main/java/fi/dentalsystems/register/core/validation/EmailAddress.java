package fi.dentalsystems.register.core.validation;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * An email address with sound syntax: a dot-atom local part (RFC 5322 atext, no quoted forms; and, as
 * RFC 6532 allows, any non-ASCII letter, mark or digit, so an internationalised address is a valid sender) and a
 * domain of at least two labels whose top-level label is letters only. Domains may be written in
 * Unicode. {@code normalized} is the lower-cased address, used as a lookup key. Checked by hand,
 * without regexes, so no input can make it backtrack.
 */
public record EmailAddress(String value, String normalized) {
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    public EmailAddress {
        if (value == null || !isSound(value) || !normalize(value).equals(normalized)) {
            // the value is not echoed: callers may log exception messages
            throw new IllegalArgumentException("not a valid email address");
        }
    }

    /** Trims and composes (NFC, so a decomposed "ä" in a domain counts as a letter), then checks. */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "NFC is applied before the checks, so what is validated is what is stored; the normal "
                    + "form (lower case, ROOT) is the lookup and suppression key and must stay as it is")
    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.length() > 4 * MAX_LENGTH) {
            return Optional.empty(); // no need to normalise arbitrarily long input
        }
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        return isSound(text) ? Optional.of(new EmailAddress(text, normalize(text))) : Optional.empty();
    }

    private static String normalize(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static boolean isSound(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        int at = text.indexOf('@');
        if (at < 0 || at != text.lastIndexOf('@')) {
            return false;
        }
        return validLocal(text.substring(0, at)) && validDomain(text.substring(at + 1));
    }

    private static boolean validLocal(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); ) {
            int c = local.codePointAt(i);
            i += Character.charCount(c);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SYMBOLS.indexOf(c) >= 0 || utf8NonAscii(c);
            if (!atext && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** RFC 6532 UTF8-non-ascii in a local part: letters, marks and digits of any script; never a control or space. */
    private static boolean utf8NonAscii(int c) {
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean validDomain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            return false;
        }
        String[] labels = domain.split("\\.", -1); // -1 keeps empty labels, so "a..fi" and "a.fi." fail
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!validLabel(label)) {
                return false;
            }
        }
        String tld = labels[labels.length - 1];
        return tld.codePointCount(0, tld.length()) >= 2 && tld.codePoints().allMatch(Character::isLetter);
    }

    private static boolean validLabel(String label) {
        int length = label.codePointCount(0, label.length());
        if (length == 0 || length > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        // letters of any script (internationalised domains), but only ASCII digits
        return label.codePoints().allMatch(c -> Character.isLetter(c) || (c >= '0' && c <= '9') || c == '-');
    }
}
