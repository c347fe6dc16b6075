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
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;
import fi.dentalsystems.register.core.store.ErasureLedger;
import fi.dentalsystems.register.core.domain.ErasureLedgerEntry;
import fi.dentalsystems.register.core.marketing.SuppressionKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * GDPR art. 17, approved by staff: the person's contact records, the history entries about them
 * and their credentials metadata are deleted; a customer organisation whose own address is
 * theirs is kept — the Accounting Act requires its billing records — restricted, and named in
 * the answer; the requests stay as evidence, minimised (address only). A suppression hash, if
 * the person objected, stays. A contact record under a legal hold (its own or its customer's:
 * the establishment or defence of a legal claim, GDPR art. 17(3)(e)) is kept too, restricted,
 * and the answer says so. Before anything is deleted, the erasure ledger (decision 0017) gets the ids of
 * what goes and the address's peppered hash, so that a restore from backup can be followed by the
 * same erasure ({@link ErasureReapplication}). Every step is re-runnable; the answer is mailed once, last
 * (RequestAnswer): a run that died after completing finds COMPLETED and only sends what is owed.
 */
public final class ErasureFulfilment {
    public static final String ACCOUNTING_ACT = "Accounting Act (kirjanpitolaki 2:10): billing records kept";

    private final ContactRepository contacts;
    private final HistoryRepository history;
    private final CredentialRepository credentials;
    private final CustomerRepository customers;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final ErasureHolds holds;
    private final RequestAnswer answer;
    private final RequestMails mails;
    private final ErasureLedger ledger;
    private final SuppressionKey addressHashes;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public ErasureFulfilment(ContactRepository contacts, HistoryRepository history, CredentialRepository credentials,
                             CustomerRepository customers, RequestRepository requests, AuditLog audit, LegalHolds holds,
                             Mailer mailer, RequestMails mails, ErasureLedger ledger, SuppressionKey addressHashes) {
        this.mails = mails;
        this.ledger = ledger;
        this.addressHashes = addressHashes;
        this.contacts = contacts;
        this.history = history;
        this.credentials = credentials;
        this.customers = customers;
        this.requests = requests;
        this.audit = audit;
        this.holds = new ErasureHolds(holds);
        this.answer = new RequestAnswer(requests, audit, mailer);
    }

    public DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access access, Instant now) {
        if (approved.type() != RequestType.ERASURE) {
            throw new IllegalTransitionException("Only an ERASURE request is fulfilled by erasure.");
        }
        if (approved.status() == RequestStatus.COMPLETED) {
            // completed earlier: only the answer may still be owed; the kept records are the restricted ones
            String key = ContactRepository.emailKey(approved.email());
            List<Customer> organisations = customers.withEmail(key);
            List<String> kept = organisations.stream()
                    .filter(c -> c.restriction().isPresent()).map(Customer::businessId).toList();
            // what erasure left of the person's contact records is what a legal hold kept
            List<Contact> left = contacts.withEmail(key);
            int held = left.size();
            // read again to word the answer: audited (issue 14)
            List<AuditTarget> read = new ArrayList<>();
            organisations.forEach(c -> read.add(new AuditTarget(TargetType.CUSTOMER, c.customerId())));
            left.forEach(c -> read.add(new AuditTarget(TargetType.CONTACT, c.contactId())));
            audit.record(access, AuditAction.READ, read);
            return answer.send(approved, mails.erasureDone(approved, kept, held), access, now);
        }
        if (!approved.status().canMoveTo(RequestStatus.COMPLETED)) {
            throw new IllegalTransitionException("A " + approved.status() + " request cannot be completed; verify it first.");
        }
        String emailKey = ContactRepository.emailKey(approved.email());
        // write-ahead (decision 0017): the ledger learns what is about to go before it goes, so that no
        // deletion a restore could undo is missing from it, even when this run dies halfway
        List<Contact> erasable = new ArrayList<>();
        List<Contact> heldContacts = new ArrayList<>();
        Set<String> historyIds = new TreeSet<>();
        Set<String> credentialIds = new TreeSet<>();
        for (Contact contact : contacts.withEmail(emailKey)) {
            if (isHeld(contact, now)) {
                heldContacts.add(contact);
                continue;
            }
            erasable.add(contact);
            credentials.ofContact(contact.contactId()).forEach(c -> credentialIds.add(contact.contactId() + "/"
                    + c.getService()));
            history.aboutContact(contact.contactId()).forEach(h -> historyIds.add(h.customerId() + "/" + h.entryId()));
        }
        List<Customer> owners = customers.withEmail(emailKey);
        List<DataSubjectRequest> others = requests.withEmail(emailKey).stream()
                .filter(o -> !o.requestId().equals(approved.requestId()) && (o.name().isPresent() || o.details().isPresent()))
                .toList();
        Set<String> minimisedIds = new TreeSet<>();
        others.forEach(o -> minimisedIds.add(o.requestId()));
        minimisedIds.add(approved.requestId());
        String addressHash = addressHashes.of(approved.email());
        ledger.add(new ErasureLedgerEntry(approved.requestId(), now, addressHash,
                erasable.stream().map(Contact::contactId).collect(Collectors.toSet()), historyIds, credentialIds,
                heldContacts.stream().map(Contact::contactId).collect(Collectors.toSet()),
                owners.stream().map(Customer::customerId).collect(Collectors.toSet()), minimisedIds));

        List<AuditTarget> deleted = new ArrayList<>();
        List<AuditTarget> heldBack = new ArrayList<>();
        for (Contact contact : heldContacts) {
            restrict(contact.contactId(), approved.requestId(), now);
            heldBack.add(new AuditTarget(TargetType.CONTACT, contact.contactId()));
        }
        Set<String> lateHistory = new TreeSet<>();
        Set<String> lateCredentials = new TreeSet<>();
        for (Contact contact : erasable) {
            for (String service : credentials.deleteAllOf(contact.contactId())) {
                deleted.add(new AuditTarget(TargetType.CREDENTIAL, contact.contactId() + "/" + service));
                lateCredentials.add(contact.contactId() + "/" + service);
            }
            for (String entryId : history.deleteAllAbout(contact.contactId())) {
                deleted.add(new AuditTarget(TargetType.HISTORY_ENTRY, entryId));
                boolean listed = historyIds.stream().anyMatch(h -> h.endsWith("/" + entryId));
                if (!listed) {
                    lateHistory.add(contact.customerId() + "/" + entryId);
                }
            }
            contacts.erase(contact.contactId());
            deleted.add(new AuditTarget(TargetType.CONTACT, contact.contactId()));
        }
        lateCredentials.removeAll(credentialIds);
        if (!lateHistory.isEmpty() || !lateCredentials.isEmpty()) {
            // written meanwhile (between the listing and the delete): the ledger gets them too
            ledger.add(new ErasureLedgerEntry(approved.requestId(), now, addressHash, Set.of(), lateHistory,
                    lateCredentials, Set.of(), Set.of(), Set.of()));
        }
        List<String> kept = new ArrayList<>();
        List<AuditTarget> restricted = new ArrayList<>();
        for (Customer customer : owners) {
            customers.restrict(customer.customerId(), ACCOUNTING_ACT, now);
            kept.add(customer.businessId());
            restricted.add(new AuditTarget(TargetType.CUSTOMER, customer.customerId()));
        }
        List<AuditTarget> minimised = new ArrayList<>();
        for (DataSubjectRequest other : others) {
            minimise(other);
            minimised.add(new AuditTarget(TargetType.REQUEST, other.requestId()));
        }
        audit.record(access, AuditAction.DELETE, deleted);
        restricted.addAll(heldBack);
        restricted.addAll(minimised);
        restricted.add(new AuditTarget(TargetType.REQUEST, approved.requestId()));
        audit.record(access, AuditAction.UPDATE, restricted);

        String note = "erased " + deleted.size() + " record(s)"
                + (kept.isEmpty() ? "" : "; kept and restricted under the Accounting Act: billing records of business id(s) "
                + String.join(", ", kept))
                + (heldBack.isEmpty() ? "" : "; kept and restricted under a legal hold: " + heldBack.size()
                + " contact record(s)");
        DataSubjectRequest current = requests.find(approved.requestId()).orElseThrow();
        DataSubjectRequest completed = requests.update(RequestLifecycle.complete(current, access.caller().subject(),
                note, now).minimised());
        return answer.send(completed, mails.erasureDone(completed, kept, heldBack.size()), access, now);
    }

    private boolean isHeld(Contact contact, Instant now) {
        return holds.keeping(contact, now).isPresent();
    }

    /** Restricts the held record in the request's name (re-runnable: an already restricted record is left as it is). */
    private void restrict(String contactId, String requestId, Instant now) {
        contacts.modify(contactId, c -> c.isRestricted() ? Optional.empty() : Optional.of(c.restricted(now, requestId)),
                customers::relationshipEnded);
    }

    private void minimise(DataSubjectRequest r) {
        for (int attempt = 0; attempt < 5; attempt++) {
            DataSubjectRequest current = requests.find(r.requestId()).orElseThrow();
            try {
                requests.update(current.minimised());
                return;
            } catch (StaleVersionException raced) {
                // changed meanwhile: read again
            }
        }
        throw new IllegalStateException("request kept changing while it was minimised");
    }

}
