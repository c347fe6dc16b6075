package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GDPR art. 18, approved by staff: every contact record with the address is marked restricted
 * (time and request id), which keeps it — and the history entries about it — out of every list
 * until lifted. Re-runnable: records already restricted are skipped; the answer is mailed once, last (RequestAnswer).
 */
public final class RestrictionFulfilment {
    private final ContactRepository contacts;
    private final CustomerRepository customers;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestAnswer answer;
    private final RequestMails mails;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public RestrictionFulfilment(ContactRepository contacts, CustomerRepository customers, RequestRepository requests,
                                 AuditLog audit, Mailer mailer, RequestMails mails) {
        this.mails = mails;
        this.contacts = contacts;
        this.customers = customers;
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
        this.answer = new RequestAnswer(requests, audit, mailer);
    }

    public DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access access, Instant now) {
        if (approved.type() != RequestType.RESTRICTION) {
            throw new IllegalTransitionException("Only a RESTRICTION request is fulfilled by restriction.");
        }
        if (approved.status() == RequestStatus.COMPLETED) {
            // completed earlier: only the answer may still be owed (a run that died before its mail)
            return answer.send(approved, mails.restrictionDone(approved), access, now);
        }
        if (!approved.status().canMoveTo(RequestStatus.COMPLETED)) {
            throw new IllegalTransitionException("A " + approved.status() + " request cannot be completed; verify it first.");
        }
        List<AuditTarget> changed = new ArrayList<>();
        List<AuditTarget> onlyRead = new ArrayList<>();
        for (Contact contact : contacts.withEmail(ContactRepository.emailKey(approved.email()))) {
            AuditTarget target = new AuditTarget(TargetType.CONTACT, contact.contactId());
            (restrict(contact.contactId(), approved.requestId(), now) ? changed : onlyRead).add(target);
        }
        // already restricted (a re-run, another request): read and left as it is, audited all the same (issue 14)
        audit.record(access, AuditAction.READ, onlyRead);
        changed.add(new AuditTarget(TargetType.REQUEST, approved.requestId()));
        audit.record(access, AuditAction.UPDATE, changed);
        DataSubjectRequest completed = requests.update(RequestLifecycle.complete(
                requests.find(approved.requestId()).orElseThrow(), access.caller().subject(),
                "processing restricted for " + (changed.size() - 1) + " contact record(s)", now));
        return answer.send(completed, mails.restrictionDone(completed), access, now);
    }

    /**
     * Lifts the restriction this request placed (GDPR art. 18(3): the person is told first — the
     * mail goes before the records change). Re-runnable: records no longer restricted by it are skipped.
     */
    public DataSubjectRequest lift(DataSubjectRequest completed, String reason, AuditLog.Access access, Instant now) {
        if (completed.type() != RequestType.RESTRICTION || completed.status() != RequestStatus.COMPLETED) {
            throw new IllegalTransitionException("Only a completed RESTRICTION request can be lifted.");
        }
        if (completed.events().stream().anyMatch(e -> e.kind().equals("LIFTED"))) {
            return completed;
        }
        mailer.send(mails.restrictionLifted(completed, reason));
        List<AuditTarget> changed = new ArrayList<>();
        List<AuditTarget> onlyRead = new ArrayList<>();
        for (Contact contact : contacts.withEmail(ContactRepository.emailKey(completed.email()))) {
            AuditTarget target = new AuditTarget(TargetType.CONTACT, contact.contactId());
            (unrestrict(contact.contactId(), completed.requestId(), now) ? changed : onlyRead).add(target);
        }
        audit.record(access, AuditAction.READ, onlyRead);
        changed.add(new AuditTarget(TargetType.REQUEST, completed.requestId()));
        audit.record(access, AuditAction.UPDATE, changed);
        return requests.update(RequestLifecycle.note(requests.find(completed.requestId()).orElseThrow(), "LIFTED",
                access.caller().subject(), reason, now));
    }

    private boolean unrestrict(String contactId, String requestId, Instant now) {
        return contacts.modify(contactId, c -> c.restriction().filter(r -> r.requestId().equals(requestId))
                        .map(r -> c.unrestricted(now)),
                customers::relationshipEnded);
    }

    private boolean restrict(String contactId, String requestId, Instant now) {
        return contacts.modify(contactId, c -> c.isRestricted() ? Optional.empty() : Optional.of(c.restricted(now, requestId)),
                customers::relationshipEnded);
    }
}
