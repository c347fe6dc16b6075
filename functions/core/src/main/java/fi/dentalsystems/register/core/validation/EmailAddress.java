package fi.dentalsystems.register.core.validation;

import java.util.Locale;
import java.util.Optional;

/** An email address checked for sound syntax; {@code normalized} is its lookup key. */
public record EmailAddress(String value, String normalized) {
    private static final String ATEXT = "!#$%&'*+-/=?^_`{|}~";

    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > 254) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        if (at <= 0 || at != text.lastIndexOf('@') || at == text.length() - 1) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!validLocal(local) || !validDomain(domain)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(text, text.toLowerCase(Locale.ROOT)));
    }

    private static boolean validLocal(String local) {
        if (local.length() > 64 || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || ATEXT.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '-')) {
                    return false;
                }
            }
        }
        String tld = labels[labels.length - 1];
        return tld.length() >= 2 && tld.chars().allMatch(Character::isLetter);
    }
}
