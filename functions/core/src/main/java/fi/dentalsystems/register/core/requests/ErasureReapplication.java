package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.ErasureLedgerEntry;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.ErasureLedger;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a restore from backup (GDPR art. 17 and 5(1)(d); decision 0017): the restored tables hold
 * again whoever was erased after the restore point. Every ledger entry at or after {@code since} is
 * applied again — the ids it names deleted (contacts, history entries, credentials), and the erasure
 * re-run for the contacts, customers and requests whose address has the entry's peppered hash
 * (restored records the ledger could not name: a contact removed by staff between the restore point
 * and the erasure comes back too). What a legal hold kept is restricted again, the sole trader's
 * billing record restricted again (Accounting Act), the person's requests minimised again and the
 * erasure request completed again. Suppression is never touched: an objection stays honoured.
 * Re-runnable: a second run finds nothing left and changes nothing. Every delete and change is an
 * audit entry, as the erasure's are, and the run's counts are one more (ids and numbers only).
 */
public final class ErasureReapplication {
    public static final String ACTOR = "reapply-erasures";

    /** What one run did: counts by kind and the request ids whose erasure was applied again. Ids and numbers only. */
    public record Report(String runId, Instant since, List<String> requestIds, Map<String, Long> counts) {
        public Report {
            requestIds = List.copyOf(requestIds);
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        public long count(String kind) {
            return counts.getOrDefault(kind, 0L);
        }
    }

    public static final String ENTRIES = "ledgerEntries";
    public static final String CONTACTS_DELETED = "contactsDeleted";
    public static final String HISTORY_DELETED = "historyEntriesDeleted";
    public static final String CREDENTIALS_DELETED = "credentialsDeleted";
    public static final String CONTACTS_RESTRICTED = "contactsRestricted";
    public static final String CUSTOMERS_RESTRICTED = "customersRestricted";
    public static final String REQUESTS_MINIMISED = "requestsMinimised";
    public static final String REQUESTS_COMPLETED = "requestsCompleted";

    private final ErasureLedger ledger;
    private final ContactRepository contacts;
    private final HistoryRepository history;
    private final CredentialRepository credentials;
    private final CustomerRepository customers;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final LegalHolds holds;
    private final SuppressionKey addressHashes;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, hash key), shared on purpose: a copy "
                    + "would be a different collaborator")
    public ErasureReapplication(ErasureLedger ledger, ContactRepository contacts, HistoryRepository history,
                                CredentialRepository credentials, CustomerRepository customers,
                                RequestRepository requests, AuditLog audit, LegalHolds holds,
                                SuppressionKey addressHashes) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.history = history;
        this.credentials = credentials;
        this.customers = customers;
        this.requests = requests;
        this.audit = audit;
        this.holds = holds;
        this.addressHashes = addressHashes;
    }

    public Report reapply(Instant since, Instant now) {
        String runId = "era_" + Ulid.next(now);
        AuditLog.Access access = new AuditLog.Access(new fi.dentalsystems.register.core.domain.Caller(ACTOR, Set.of()),
                "reapply-erasures", runId, fi.dentalsystems.register.core.domain.Purpose.ADMINISTRATION.code());
        List<ErasureLedgerEntry> entries = ledger.since(since);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String kind : List.of(ENTRIES, CONTACTS_DELETED, HISTORY_DELETED, CREDENTIALS_DELETED, CONTACTS_RESTRICTED,
                CUSTOMERS_RESTRICTED, REQUESTS_MINIMISED, REQUESTS_COMPLETED)) {
            counts.put(kind, 0L);
        }
        counts.put(ENTRIES, (long) entries.size());
        if (!entries.isEmpty()) {
            Set<String> hashes = new TreeSet<>();
            entries.forEach(e -> hashes.add(e.addressHash()));
            // one pass over each table's ids and lookup keys: the person is known here only by the hash
            Map<String, Set<String>> contactsByHash = byHash(contacts.idsWithEmailKey(key -> hashes.contains(hash(key))));
            Map<String, Set<String>> requestsByHash = byHash(requests.idsWithEmailKey(key -> hashes.contains(hash(key))));
            Map<String, Set<String>> customersByHash = new HashMap<>();
            for (Customer c : customers.withEmailKey(key -> hashes.contains(hash(key)))) {
                customersByHash.computeIfAbsent(hash(c.email()), k -> new TreeSet<>()).add(c.customerId());
            }
            for (ErasureLedgerEntry entry : entries) {
                apply(entry, contactsByHash.getOrDefault(entry.addressHash(), Set.of()),
                        customersByHash.getOrDefault(entry.addressHash(), Set.of()),
                        requestsByHash.getOrDefault(entry.addressHash(), Set.of()), access, now, counts);
            }
        }
        Report report = new Report(runId, since, entries.stream().map(ErasureLedgerEntry::requestId).toList(), counts);
        audit.recordReport(access, AuditAction.DELETE, new AuditTarget(TargetType.ERASURE_REAPPLY_RUN, runId), counts);
        return report;
    }

    private String hash(String address) {
        return addressHashes.of(address);
    }

    /** Id → lookup key, regrouped by the key's peppered hash. */
    private Map<String, Set<String>> byHash(Map<String, String> keysById) {
        Map<String, Set<String>> result = new HashMap<>();
        keysById.forEach((id, key) -> result.computeIfAbsent(hash(key), k -> new TreeSet<>()).add(id));
        return result;
    }

    private void apply(ErasureLedgerEntry entry, Set<String> contactsOfHash, Set<String> customersOfHash,
                       Set<String> requestsOfHash, AuditLog.Access access, Instant now, Map<String, Long> counts) {
        List<AuditTarget> deleted = new ArrayList<>();
        List<AuditTarget> changed = new ArrayList<>();

        // what a legal hold kept at the erasure stays kept, restricted (GDPR art. 17(3)(e)), as the erasure left it
        for (String contactId : entry.heldContactIds()) {
            Optional<Contact> contact = contacts.find(contactId);
            if (contact.isPresent() && restrict(contact.get(), entry.requestId(), now)) {
                changed.add(new AuditTarget(TargetType.CONTACT, contactId));
                add(counts, CONTACTS_RESTRICTED);
            }
        }
        Set<String> contactIds = new TreeSet<>(entry.contactIds());
        contactIds.addAll(contactsOfHash);
        contactIds.removeAll(entry.heldContactIds());
        for (String contactId : contactIds) {
            Optional<Contact> contact = contacts.find(contactId);
            if (contact.isPresent() && isHeld(contact.get(), now)) {
                // held since the erasure: the hold wins now as it would have then
                if (restrict(contact.get(), entry.requestId(), now)) {
                    changed.add(new AuditTarget(TargetType.CONTACT, contactId));
                    add(counts, CONTACTS_RESTRICTED);
                }
                continue;
            }
            for (CredentialItem credential : credentials.ofContact(contactId)) {
                if (credentials.delete(contactId, credential.getService())) {
                    deleted.add(new AuditTarget(TargetType.CREDENTIAL, contactId + "/" + credential.getService()));
                    add(counts, CREDENTIALS_DELETED);
                }
            }
            for (String entryId : history.deleteAllAbout(contactId)) {
                deleted.add(new AuditTarget(TargetType.HISTORY_ENTRY, entryId));
                add(counts, HISTORY_DELETED);
            }
            if (contacts.erase(contactId)) {
                deleted.add(new AuditTarget(TargetType.CONTACT, contactId));
                add(counts, CONTACTS_DELETED);
            }
        }
        for (String key : entry.historyEntries()) {
            int slash = key.indexOf('/');
            if (slash > 0 && history.delete(key.substring(0, slash), key.substring(slash + 1))) {
                deleted.add(new AuditTarget(TargetType.HISTORY_ENTRY, key.substring(slash + 1)));
                add(counts, HISTORY_DELETED);
            }
        }
        for (String key : entry.credentials()) {
            int slash = key.indexOf('/');
            if (slash > 0 && credentials.delete(key.substring(0, slash), key.substring(slash + 1))) {
                deleted.add(new AuditTarget(TargetType.CREDENTIAL, key));
                add(counts, CREDENTIALS_DELETED);
            }
        }

        Set<String> customerIds = new TreeSet<>(entry.restrictedCustomerIds());
        customerIds.addAll(customersOfHash);
        for (String customerId : customerIds) {
            Optional<Customer> customer = customers.find(customerId);
            if (customer.isPresent() && customer.get().restriction().isEmpty()) {
                customers.restrict(customerId, ErasureFulfilment.ACCOUNTING_ACT, now);
                changed.add(new AuditTarget(TargetType.CUSTOMER, customerId));
                add(counts, CUSTOMERS_RESTRICTED);
            }
        }

        Set<String> requestIds = new TreeSet<>(entry.minimisedRequestIds());
        requestIds.addAll(requestsOfHash);
        requestIds.add(entry.requestId());
        for (String requestId : requestIds) {
            reapplyTo(requestId, entry, now, changed, counts);
        }
        audit.record(access, AuditAction.DELETE, deleted);
        audit.record(access, AuditAction.UPDATE, changed);
    }

    /** The person's request back in its restored state: its content goes again, and the erasure is closed again. */
    private void reapplyTo(String requestId, ErasureLedgerEntry entry, Instant now, List<AuditTarget> changed,
                           Map<String, Long> counts) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<DataSubjectRequest> found = requests.find(requestId);
            if (found.isEmpty()) {
                return;
            }
            DataSubjectRequest current = found.get();
            boolean reopenedErasure = requestId.equals(entry.requestId()) && current.status() != RequestStatus.COMPLETED
                    && current.status().canMoveTo(RequestStatus.COMPLETED);
            boolean hasContent = current.name().isPresent() || current.details().isPresent();
            if (!reopenedErasure && !hasContent) {
                return;
            }
            DataSubjectRequest next = reopenedErasure
                    ? RequestLifecycle.complete(current, ACTOR,
                    "erasure applied again after a restore from backup (ledger of " + entry.requestId() + ")", now)
                    .minimised()
                    : current.minimised();
            try {
                requests.update(next);
                changed.add(new AuditTarget(TargetType.REQUEST, requestId));
                add(counts, reopenedErasure ? REQUESTS_COMPLETED : REQUESTS_MINIMISED);
                return;
            } catch (StaleVersionException raced) {
                // changed meanwhile: read again
            }
        }
        throw new IllegalStateException("request kept changing while the erasure was applied again");
    }

    private static void add(Map<String, Long> counts, String kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    private boolean isHeld(Contact contact, Instant now) {
        return holds.find(HoldTarget.CONTACT, contact.contactId()).filter(h -> h.isActive(now)).isPresent()
                || holds.find(HoldTarget.CUSTOMER, contact.customerId()).filter(h -> h.isActive(now)).isPresent();
    }

    private boolean restrict(Contact contact, String requestId, Instant now) {
        if (contact.isRestricted()) {
            return false;
        }
        return contacts.modify(contact.contactId(), c -> c.isRestricted() ? Optional.empty()
                        : Optional.of(c.restricted(now, requestId)),
                customerId -> customers.find(customerId).flatMap(Customer::endedAt));
    }
}
