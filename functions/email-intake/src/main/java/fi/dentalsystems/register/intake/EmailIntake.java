package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.intake.MailFeedback;
import fi.dentalsystems.register.core.intake.RequestClassifier;
import fi.dentalsystems.register.core.intake.RequestIds;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.requests.DuplicateRequests;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;
import fi.dentalsystems.register.core.validation.EmailAddress;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One inbound message → at most one request, and never none without a trace. Automatic mail
 * (auto-replies, read receipts, feedback reports) makes nothing — no mail back, no loop; a delivery
 * report about the register's own mail is recorded on that request; unreadable mail, mail without a
 * sender and mail SES found a virus in are parked for staff; anything else becomes a request and its
 * sender gets a verification link — unless SES's spam, SPF, DKIM or DMARC verdict failed, when staff
 * look first.
 *
 * <p>Re-runnable (decision 0010): the request id comes from the message's identity, so a replay
 * creates nothing twice; a replay of an attempt that stored the request but failed before the end
 * finishes it (audit, a fresh link); the raw message is marked processed last, and only then may it
 * expire.
 */
final class EmailIntake {
    static final int MAX_RAW_BYTES = 10 * 1024 * 1024;
    static final String NO_SENDER = "unknown@sender.invalid";

    enum Outcome { CREATED, DUPLICATE, IGNORED_AUTOMATIC, IGNORED_BOUNCE, BOUNCE_RECORDED, PARKED }

    /** Where the message is, and what SES said of it (PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED). */
    record Delivery(String bucket, String key, Map<String, String> verdicts) {
    }

    private final RawMailStore store;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final MailFeedback feedback;
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
        this.feedback = new MailFeedback(requests, audit, "email-intake");
    }

    Outcome accept(Delivery delivery) {
        if (store.processed(delivery.bucket(), delivery.key())) {
            return Outcome.DUPLICATE; // the same delivery again: it was finished
        }
        Outcome outcome = decide(delivery, store.read(delivery.bucket(), delivery.key()));
        store.markProcessed(delivery.bucket(), delivery.key());
        return outcome;
    }

    private Outcome decide(Delivery delivery, byte[] raw) {
        // the SES event's verdicts when it came that way, else those SES wrote into the stored message
        Map<String, String> verdicts = delivery.verdicts().isEmpty() ? SesVerdicts.read(raw) : delivery.verdicts();
        Map<String, String> facts = new LinkedHashMap<>(verdicts);
        facts.put("rawMail", rawMail(delivery));
        if ("FAIL".equals(verdicts.get("virusVerdict"))) {
            return park(delivery, raw, facts, "virus verdict FAIL", Optional.empty());
        }
        if (raw.length > MAX_RAW_BYTES) {
            return park(delivery, raw, facts, "oversized", Optional.empty());
        }
        ParsedMail mail;
        try {
            mail = MailParser.parse(raw);
        } catch (MalformedMailException e) {
            return park(delivery, raw, facts, e.getMessage(), Optional.empty());
        }
        Optional<ParsedMail.DeliveryReport> report = mail.deliveryReport();
        if (report.filter(ParsedMail.DeliveryReport::certain).isPresent()
                || (report.isPresent() && mail.automatic().isEmpty())) {
            return bounce(report.get(), raw);
        }
        if (mail.automatic().isPresent()) {
            return Outcome.IGNORED_AUTOMATIC;
        }
        mail.messageId().ifPresent(id -> facts.put("messageId", id.length() > 300 ? id.substring(0, 300) : id));
        facts.put("attachments", Integer.toString(mail.attachments()));
        Optional<EmailAddress> sender = mail.fromAddress().flatMap(EmailAddress::parse);
        if (sender.isEmpty()) {
            return park(delivery, raw, facts, "no valid sender", mail.messageId());
        }
        String requestId = RequestIds.forMail(MailIdentity.key(mail.messageId(), raw));
        Optional<DataSubjectRequest> existing = requests.find(requestId);
        if (existing.isPresent()) {
            return duplicate(existing.get(), delivery);
        }
        RequestType type = RequestClassifier.classify(mail.subject(), mail.text());
        Language language = RequestClassifier.language(mail.subject(), mail.text());
        String details = FreeTextGuard.redact(clip(mail.subject() + "\n\n" + mail.text()));
        Instant now = clock.instant();
        DataSubjectRequest received = RequestLifecycle.fromMail(
                RequestLifecycle.receive(type, RequestChannel.EMAIL, sender.get().value(),
                        mail.fromName().map(n -> FreeTextGuard.redact(clip(n, 200))), Optional.of(details), language,
                        "email-intake", now),
                requestId, facts);
        boolean trusted = verdicts.entrySet().stream()
                .noneMatch(v -> !v.getKey().equals("virusVerdict") && "FAIL".equals(v.getValue()));
        Optional<VerificationToken> token = trusted ? Optional.of(VerificationToken.issue(received.requestId()))
                : Optional.empty();
        DataSubjectRequest stored;
        try {
            stored = requests.create(token.map(t -> RequestLifecycle.awaitVerification(received, t, now)).orElse(received));
        } catch (StaleVersionException raced) {
            // the same message by another path, a moment ago: that one sends the link
            return Outcome.DUPLICATE;
        }
        audit.record(access(), AuditAction.CREATE, new AuditTarget(TargetType.REQUEST, stored.requestId()));
        token.ifPresent(t -> sendLink(stored, t));
        // a mail and then the form, or two mails: linked to the earliest open one (issue 11)
        duplicates.link(stored, access());
        return Outcome.CREATED;
    }

    private void sendLink(DataSubjectRequest request, VerificationToken token) {
        mailer.send(mails.verification(request, RequestMails.verificationLink(publicBaseUrl, token)));
    }

    /**
     * The message is already a request. From another stored object it is the same message delivered
     * again: nothing to do. From this same object it is a replay of an attempt that stored the request
     * and then failed (the object is not marked processed): its audit entry may be missing and its link
     * may not have gone out, so the replay audits what is missing and sends a new link (only the newest
     * verifies). The one window: an attempt that mailed and died before marking the object sends the
     * person a second link, never none (decision 0010).
     */
    private Outcome duplicate(DataSubjectRequest existing, Delivery delivery) {
        AuditTarget target = new AuditTarget(TargetType.REQUEST, existing.requestId());
        if (!rawMail(delivery).equals(existing.intake().get("rawMail"))) {
            // the request was read to know it: audited like every read (issue 14)
            audit.record(access(), AuditAction.READ, target);
            return Outcome.DUPLICATE;
        }
        boolean audited = audit.forTarget(existing.requestId(), 20, Optional.empty()).items().stream()
                .anyMatch(e -> e.action() == AuditAction.CREATE);
        audit.record(access(), audited ? AuditAction.READ : AuditAction.CREATE, target);
        if (existing.status() != RequestStatus.AWAITING_VERIFICATION) {
            return existing.type() == RequestType.UNCLASSIFIED && existing.intake().containsKey("parked")
                    ? Outcome.PARKED : Outcome.CREATED;
        }
        Instant now = clock.instant();
        VerificationToken token = VerificationToken.issue(existing.requestId());
        DataSubjectRequest again = requests.update(RequestLifecycle.reissueVerification(existing, token, now));
        audit.record(access(), AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, again.requestId()));
        sendLink(again, token);
        return Outcome.CREATED;
    }

    /** A bounce about the register's own mail is recorded on its request; any other is only noted in the log. */
    private Outcome bounce(ParsedMail.DeliveryReport report, byte[] raw) {
        if (!report.failed() || report.returned().isEmpty()) {
            return Outcome.IGNORED_BOUNCE;
        }
        MailFeedback.Result result = feedback.record(new MailFeedback.Notice(report.returned().get(),
                MailFeedback.Kind.BOUNCE, "delivery status " + report.status(),
                "dsn-" + MailIdentity.digest(raw).substring(0, 16)), clock.instant());
        return result == MailFeedback.Result.UNKNOWN_REQUEST ? Outcome.IGNORED_BOUNCE : Outcome.BOUNCE_RECORDED;
    }

    private Outcome park(Delivery delivery, byte[] raw, Map<String, String> facts, String reason,
                         Optional<String> messageId) {
        facts.put("parked", reason);
        String requestId = RequestIds.forMail(MailIdentity.key(messageId, raw));
        Optional<DataSubjectRequest> existing = requests.find(requestId);
        if (existing.isPresent()) {
            return duplicate(existing.get(), delivery);
        }
        DataSubjectRequest parked = RequestLifecycle.fromMail(
                RequestLifecycle.receive(RequestType.UNCLASSIFIED, RequestChannel.EMAIL, NO_SENDER, Optional.empty(),
                        Optional.empty(), Language.FI, "email-intake", clock.instant()),
                requestId, facts);
        try {
            requests.create(parked);
        } catch (StaleVersionException alreadyThere) {
            return Outcome.DUPLICATE;
        }
        audit.record(access(), AuditAction.CREATE, new AuditTarget(TargetType.REQUEST, parked.requestId()));
        return Outcome.PARKED;
    }

    private static String rawMail(Delivery delivery) {
        return "s3://" + delivery.bucket() + "/" + delivery.key();
    }

    private static String clip(String text) {
        return clip(text, 2000);
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static AuditLog.Access access() {
        return new AuditLog.Access(new Caller("email-intake", Set.of()), "SES inbound", "-",
                Purpose.ADMINISTRATION.code());
    }
}
