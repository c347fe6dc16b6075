package fi.dentalsystems.register.core.mail;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which request a sent mail is about, and what it was: the verification link or another mail about
 * the request. It travels with the mail as SES message tags (AWS) or inside the Message-ID (the
 * local outbox), and comes back in SES's bounce and complaint notifications or in a delivery status
 * notification's returned headers. Ids only: the address is never part of it.
 */
public record MailReference(String requestId, String purpose) {
    public static final String VERIFICATION = "verification";
    public static final String ABOUT_REQUEST = "request";
    /** The domain of the local outbox's Message-IDs. */
    public static final String LOCAL_DOMAIN = "register.local";
    private static final Pattern ID = Pattern.compile("^<?(verification|request)\\.(req_[0-9A-Z]{26})\\.[0-9a-f-]{36}@"
            + Pattern.quote(LOCAL_DOMAIN) + ">?$");
    private static final Pattern REQUEST_ID = Pattern.compile("req_[0-9A-Z]{26}");
    private static final Pattern PURPOSE = Pattern.compile("verification|request");

    public MailReference {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches() || purpose == null
                || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("not a mail reference");
        }
    }

    public boolean verification() {
        return VERIFICATION.equals(purpose);
    }

    /** The Message-ID the local outbox gives the mail: {@code <purpose.requestId.uuid@register.local>}. */
    public String messageId(String unique) {
        return "<" + purpose + "." + requestId + "." + unique + "@" + LOCAL_DOMAIN + ">";
    }

    /** The reference inside a Message-ID the local outbox wrote; empty for any other. */
    public static Optional<MailReference> fromMessageId(String messageId) {
        Matcher m = ID.matcher(messageId == null ? "" : messageId.strip());
        return m.matches() ? Optional.of(new MailReference(m.group(2), m.group(1))) : Optional.empty();
    }

    /** From SES message tags as a notification carries them; empty when the mail had none. */
    public static Optional<MailReference> fromTags(String requestId, String purpose) {
        try {
            return Optional.of(new MailReference(requestId, purpose));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
