package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.mail.MailReference;

import java.util.Optional;

/**
 * What intake needs of one message, decoded: headers, sender, text (HTML turned to text), the sign
 * that marks it as automatic mail (if any), and what it reports when it is a delivery report.
 */
record ParsedMail(
        Optional<String> messageId,
        Optional<String> fromAddress,
        Optional<String> fromName,
        String subject,
        String text,
        Optional<String> automatic,
        Optional<DeliveryReport> deliveryReport,
        int attachments) {

    /**
     * A bounce: {@code certain} when it is an RFC 3464 report (multipart/report with a delivery-status
     * part) or comes from a mail system (mailer daemon, postmaster, X-Failed-Recipients), not only from
     * the null sender auto-replies use too; {@code failed}
     * unless it only reports a delay; {@code returned} is the register's own mail it is about, when
     * its returned headers name one.
     */
    record DeliveryReport(boolean certain, boolean failed, String status, Optional<MailReference> returned) {
    }
}
