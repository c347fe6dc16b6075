package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.intake.RequestClassifier;
import fi.dentalsystems.register.core.intake.RequestIds;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.requests.DuplicateRequests;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;
import fi.dentalsystems.register.core.validation.EmailAddress;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One inbound message → at most one request. Auto-replies and bounces make nothing (no mail
 * back, no loop); unreadable mail, mail without a sender and mail SES found a virus in are
 * parked for staff; anything else becomes a request and its sender gets a verification link
 * — unless SES's spam, SPF, DKIM or DMARC verdict failed, when staff look first.
 */
final class EmailIntake {
    static final int MAX_RAW_BYTES = 10 * 1024 * 1024;
    static final String NO_SENDER = "unknown@sender.invalid";

    enum Outcome { CREATED, DUPLICATE, IGNORED_AUTOMATIC, IGNORED_BOUNCE, PARKED }

    /** Where the message is, and what SES said of it (PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED). */
    record Delivery(String bucket, String key, Map<String, String> verdicts) {
    }

    private final RawMailStore store;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final Clock clock;
    private final String publicBaseUrl;
    private final DuplicateRequests duplicates;

    EmailIntake(RawMailStore store, RequestRepository requests, AuditLog audit, Mailer mailer, RequestMails mails,
                Clock clock, String publicBaseUrl, DuplicateRequests duplicates) {
        this.duplicates = duplicates;
        this.mails = mails;
        this.store = store;
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    Outcome accept(Delivery delivery) {
        byte[] raw = store.read(delivery.bucket(), delivery.key());
        Map<String, String> facts = new LinkedHashMap<>(delivery.verdicts());
        facts.put("rawMail", "s3://" + delivery.bucket() + "/" + delivery.key());
        if ("FAIL".equals(delivery.verdicts().get("virusVerdict"))) {
            return park(delivery, facts, "virus verdict FAIL", Optional.empty());
        }
        if (raw.length > MAX_RAW_BYTES) {
            return park(delivery, facts, "oversized", Optional.empty());
        }
        ParsedMail mail;
        try {
            mail = MailParser.parse(raw);
        } catch (MalformedMailException e) {
            return park(delivery, facts, e.getMessage(), Optional.empty());
        }
        if (mail.bounce()) {
            return Outcome.IGNORED_BOUNCE;
        }
        if (mail.automatic()) {
            return Outcome.IGNORED_AUTOMATIC;
        }
        mail.messageId().ifPresent(id -> facts.put("messageId", id.length() > 300 ? id.substring(0, 300) : id));
        facts.put("attachments", Integer.toString(mail.attachments()));
        Optional<EmailAddress> sender = mail.fromAddress().flatMap(EmailAddress::parse);
        if (sender.isEmpty()) {
            return park(delivery, facts, "no valid sender", mail.messageId());
        }
        RequestType type = RequestClassifier.classify(mail.subject(), mail.text());
        Language language = RequestClassifier.language(mail.subject(), mail.text());
        String details = FreeTextGuard.redact(clip(mail.subject() + "\n\n" + mail.text()));
        Instant now = clock.instant();
        DataSubjectRequest received = RequestLifecycle.fromMail(
                RequestLifecycle.receive(type, RequestChannel.EMAIL, sender.get().value(),
                        mail.fromName().map(n -> FreeTextGuard.redact(clip(n, 200))), Optional.of(details), language,
                        "email-intake", now),
                RequestIds.forMail(dedupeKey(mail.messageId(), delivery)), facts);
        boolean trusted = delivery.verdicts().entrySet().stream()
                .noneMatch(v -> !v.getKey().equals("virusVerdict") && "FAIL".equals(v.getValue()));
        Optional<VerificationToken> token = trusted ? Optional.of(VerificationToken.issue(received.requestId()))
                : Optional.empty();
        DataSubjectRequest stored;
        try {
            stored = requests.create(token.map(t -> RequestLifecycle.awaitVerification(received, t, now)).orElse(received));
        } catch (StaleVersionException alreadyThere) {
            return Outcome.DUPLICATE;
        }
        audit.record(access(), AuditAction.CREATE, new AuditTarget(TargetType.REQUEST, stored.requestId()));
        token.ifPresent(t -> mailer.send(mails.verification(stored, RequestMails.verificationLink(publicBaseUrl, t))));
        // a mail and then the form, or two mails: linked to the earliest open one (issue 11)
        duplicates.link(stored, access());
        return Outcome.CREATED;
    }

    private Outcome park(Delivery delivery, Map<String, String> facts, String reason, Optional<String> messageId) {
        facts.put("parked", reason);
        DataSubjectRequest parked = RequestLifecycle.fromMail(
                RequestLifecycle.receive(RequestType.UNCLASSIFIED, RequestChannel.EMAIL, NO_SENDER, Optional.empty(),
                        Optional.empty(), Language.FI, "email-intake", clock.instant()),
                RequestIds.forMail(dedupeKey(messageId, delivery)), facts);
        try {
            requests.create(parked);
        } catch (StaleVersionException alreadyThere) {
            return Outcome.DUPLICATE;
        }
        audit.record(access(), AuditAction.CREATE, new AuditTarget(TargetType.REQUEST, parked.requestId()));
        return Outcome.PARKED;
    }

    /** The Message-ID when there is one (a resend from another path is the same message), else the stored object. */
    private static String dedupeKey(Optional<String> messageId, Delivery delivery) {
        return messageId.map(id -> "message-id:" + id).orElse("object:" + delivery.bucket() + "/" + delivery.key());
    }

    private static String clip(String text) {
        return clip(text, 2000);
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static AuditLog.Access access() {
        return new AuditLog.Access(new Caller("email-intake", java.util.Set.of()), "SES inbound", "-",
                Purpose.ADMINISTRATION.code());
    }
}
