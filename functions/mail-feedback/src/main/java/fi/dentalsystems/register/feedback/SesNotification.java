package fi.dentalsystems.register.feedback;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.http.JsonBody;
import fi.dentalsystems.register.core.intake.MailFeedback;
import fi.dentalsystems.register.core.mail.MailReference;
import fi.dentalsystems.register.core.mail.SesMailer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SES event-publishing notification (eventType Bounce or Complaint; the older identity
 * notifications' notificationType is read too), as the SNS message carries it. What is taken: the
 * request the mail was about (its message tags), the bounce type or complaint kind, the feedback id.
 * The recipients' addresses are in the notification, and are left there.
 */
final class SesNotification {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9 ._:/-]{1,80}");

    private SesNotification() {
    }

    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "SES's event type (ROOT locale) compared with its ASCII names; any other value is "
                    + "not a bounce or complaint and is left alone")
    static Optional<MailFeedback.Notice> read(String message) {
        Object parsed;
        try {
            parsed = JsonBody.parse(message);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            return Optional.empty();
        }
        String type = text(root.get("eventType")).or(() -> text(root.get("notificationType"))).orElse("")
                .toLowerCase(Locale.ROOT);
        MailFeedback.Kind kind;
        Map<String, Object> details;
        if (type.equals("bounce")) {
            kind = MailFeedback.Kind.BOUNCE;
            details = map(root.get("bounce"));
        } else if (type.equals("complaint")) {
            kind = MailFeedback.Kind.COMPLAINT;
            details = map(root.get("complaint"));
        } else {
            return Optional.empty();
        }
        Map<String, Object> tags = map(map(root.get("mail")).get("tags"));
        Optional<MailReference> reference = first(tags.get(SesMailer.REQUEST_TAG))
                .flatMap(id -> first(tags.get(SesMailer.PURPOSE_TAG)).flatMap(p -> MailReference.fromTags(id, p)));
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        String detail = kind == MailFeedback.Kind.BOUNCE
                ? word(details.get("bounceType")) + " bounce (" + word(details.get("bounceSubType")) + ")"
                : "complaint (" + word(details.get("complaintFeedbackType")) + ")";
        String feedbackId = word(details.get("feedbackId"));
        if (feedbackId.equals("-")) {
            feedbackId = word(map(root.get("mail")).get("messageId"));
        }
        return Optional.of(new MailFeedback.Notice(reference.get(), kind, detail, feedbackId));
    }

    /** A short token of SES's vocabulary; anything else becomes "-" (nothing free-form reaches the request). */
    private static String word(Object value) {
        return text(value).filter(v -> WORD.matcher(v).matches()).orElse("-");
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<String> first(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? text(list.get(0)) : text(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
