package fi.dentalsystems.register.core.mail;

/** A plain-text mail to one recipient. Bodies hold only what the recipient themselves sent or may know. */
public record Mail(String to, String subject, String text) {
}
