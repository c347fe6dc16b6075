package fi.dentalsystems.register.intake;

import java.util.Optional;

/** What intake needs of one message, decoded: headers, sender, text (HTML turned to text). */
record ParsedMail(
        Optional<String> messageId,
        Optional<String> fromAddress,
        Optional<String> fromName,
        String subject,
        String text,
        boolean automatic,
        boolean bounce,
        int attachments) {
}
