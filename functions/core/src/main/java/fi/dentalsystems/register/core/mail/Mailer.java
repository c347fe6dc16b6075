package fi.dentalsystems.register.core.mail;

/** Sends mail: SES v2 in AWS, an outbox folder of .eml files locally. */
public interface Mailer {
    /** Sends and returns an id of the sent message (SES message id, or the outbox file name). */
    String send(Mail mail);
}
