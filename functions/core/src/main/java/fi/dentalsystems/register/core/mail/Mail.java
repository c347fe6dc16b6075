package fi.dentalsystems.register.core.mail;

import java.util.Optional;

/**
 * A plain-text mail to one recipient. Bodies hold only what the recipient themselves sent or may know.
 * {@code reference} names the request a mail is about, so what comes back for it (a bounce, a
 * complaint) can be recorded on that request; the deadline summary to staff has none.
 */
public record Mail(String to, String subject, String text, Optional<MailReference> reference) {
    public Mail(String to, String subject, String text) {
        this(to, subject, text, Optional.empty());
    }
}
