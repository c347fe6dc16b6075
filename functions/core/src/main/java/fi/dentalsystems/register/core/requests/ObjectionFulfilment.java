package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed §12 / GDPR art. 21: an objection to direct marketing is applied the moment the request
 * is verified, without a staff step. Every contact with the address is marked as objecting
 * (time and request id), the peppered hash of the address enters Suppression, the request is
 * completed and the requester gets a confirmation. Each step is re-runnable: contacts already
 * marked are skipped, a suppression entry already there is kept, and a request completed by a run
 * that died before its mail gets the confirmation from the next run (RequestAnswer), once.
 */
public final class ObjectionFulfilment {
    private final ContactRepository contacts;
    private final CustomerRepository customers;
    private final SuppressionRepository suppression;
    private final SuppressionKey keys;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final RequestAnswer answer;
    private final RequestMails mails;
    private final DuplicateRequests duplicates;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public ObjectionFulfilment(ContactRepository contacts, CustomerRepository customers, SuppressionRepository suppression,
                               SuppressionKey keys, RequestRepository requests, AuditLog audit, Mailer mailer, RequestMails mails,
                               DuplicateRequests duplicates) {
        this.duplicates = duplicates;
        this.mails = mails;
        this.contacts = contacts;
        this.customers = customers;
        this.suppression = suppression;
        this.keys = keys;
        this.requests = requests;
        this.audit = audit;
        this.answer = new RequestAnswer(requests, audit, mailer);
    }

    /** Applies a verified OBJECTION request, or sends the confirmation a completed one still owes; else nothing. */
    public DataSubjectRequest fulfil(DataSubjectRequest verified, AuditLog.Access access, Instant now) {
        if (verified.type() != RequestType.OBJECTION) {
            return verified;
        }
        if (verified.status() == RequestStatus.COMPLETED) {
            DataSubjectRequest answered = answer.send(verified, mails.objectionConfirmed(verified), access, now);
            duplicates.closeWith(answered, access, now);
            return answered;
        }
        if (verified.status() != RequestStatus.VERIFIED) {
            return verified;
        }
        List<AuditTarget> changed = new ArrayList<>();
        List<AuditTarget> onlyRead = new ArrayList<>();
        for (Contact contact : contacts.withEmail(ContactRepository.emailKey(verified.email()))) {
            AuditTarget target = new AuditTarget(TargetType.CONTACT, contact.contactId());
            (markObjecting(contact.contactId(), verified.requestId(), now) ? changed : onlyRead).add(target);
        }
        // a record that already objected is read and left as it is (issue 14: audited all the same)
        audit.record(access, AuditAction.READ, onlyRead);
        suppression.suppress(keys.of(verified.email()), verified.requestId(), now);
        // audit before completing: a crash in between repeats an audit item, never loses one
        changed.add(new AuditTarget(TargetType.REQUEST, verified.requestId()));
        audit.record(access, AuditAction.UPDATE, changed);
        DataSubjectRequest completed = requests.update(RequestLifecycle.complete(verified, "system",
                "objection applied to " + (changed.size() - 1) + " contact record(s); address added to the suppression list",
                now));
        // mail last, after the conditional completion: a re-run finds COMPLETED and sends only what is owed
        DataSubjectRequest answered = answer.send(completed, mails.objectionConfirmed(completed), access, now);
        // one answer for the group (issue 11): the other open objections of the address close with it
        duplicates.closeWith(answered, access, now);
        return answered;
    }

    /** True when this run marked the contact. */
    private boolean markObjecting(String contactId, String requestId, Instant now) {
        return contacts.modify(contactId, c -> c.objectsToMarketing() ? Optional.empty() : Optional.of(c.objected(now, requestId)),
                customers::relationshipEnded);
    }
}
