package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The same person asking the same thing twice (issue 11): the form resubmitted, a mail and then the
 * form. The open requests of one type from one address (compared by the normalised address, the
 * byEmail index) are one group; every member but the earliest carries {@code duplicateOf} the
 * earliest. Linked, never blocking: each member is verified like any other (a duplicate that
 * could not be verified would strand its requester: GHSA-qx5f-ghc2-7g5c), and completing any one
 * completes the group with that one's answer. Rejecting one touches no other.
 *
 * <p>Two requests written at the same moment: each links after it is stored, reading the group
 * again, and a link only ever moves to an earlier request of the group, with a write conditional on
 * the version read. The last of them to read sees every member, so the group settles on one
 * original, whatever order the writes landed in (docs/decisions/0009).
 */
public final class DuplicateRequests {
    private static final int ATTEMPTS = 8;

    private final RequestRepository requests;
    private final AuditLog audit;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repository, audit log), shared on purpose")
    public DuplicateRequests(RequestRepository requests, AuditLog audit) {
        this.requests = requests;
        this.audit = audit;
    }

    /** Links a stored request into its group; answers it as stored now. UNCLASSIFIED mail has no group yet. */
    public DataSubjectRequest link(DataSubjectRequest stored, AuditLog.Access who) {
        if (stored.type() == RequestType.UNCLASSIFIED || !stored.status().isOpen()) {
            return stored;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            DataSubjectRequest self = requests.find(stored.requestId()).orElse(stored);
            List<DataSubjectRequest> group = group(self);
            String original = group.get(0).requestId();
            try {
                List<AuditTarget> onlyRead = new ArrayList<>();
                for (DataSubjectRequest member : group) {
                    if (!member.requestId().equals(original)
                            && !member.duplicateOf().filter(original::equals).isPresent()) {
                        requests.update(member.duplicateOf(original));
                        audit.record(who, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, member.requestId()));
                    } else if (!member.requestId().equals(stored.requestId())) {
                        // the person's other request, read to find the group's earliest (issue 14)
                        onlyRead.add(new AuditTarget(TargetType.REQUEST, member.requestId()));
                    }
                }
                audit.record(who, AuditAction.READ, onlyRead);
                return requests.find(stored.requestId()).orElse(self);
            } catch (StaleVersionException raced) {
                // a member changed meanwhile (another link, a verification): read the group again
            }
        }
        throw new IllegalStateException("the duplicate group kept changing while it was linked");
    }

    /**
     * One answer for the group: the other open members close COMPLETED, answered by {@code answered}
     * (re-runnable: closed members are left as they are).
     */
    public void closeWith(DataSubjectRequest answered, AuditLog.Access who, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                for (DataSubjectRequest member : requests.openOfSameTypeAndAddress(answered)) {
                    requests.update(RequestLifecycle.completeWithGroup(member, answered.requestId(),
                            who.caller().subject(), now));
                    audit.record(who, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, member.requestId()));
                }
                return;
            } catch (StaleVersionException raced) {
                // a member moved meanwhile: read the group again
            }
        }
        throw new IllegalStateException("the duplicate group kept changing while it was completed");
    }

    /**
     * Earliest first: by when it was received, then by id (mail ids are hashes, not times). A letter
     * typed in later with an earlier date of receipt is the earlier request: its deadline runs first.
     */
    static final Comparator<DataSubjectRequest> EARLIEST = Comparator.comparing(DataSubjectRequest::receivedAt)
            .thenComparing(DataSubjectRequest::requestId);

    /** The group's members, earliest first: the open ones the index shows, and any open one a link names. */
    private List<DataSubjectRequest> group(DataSubjectRequest self) {
        Map<String, DataSubjectRequest> group = new TreeMap<>();
        group.put(self.requestId(), self);
        requests.openOfSameTypeAndAddress(self).forEach(m -> group.put(m.requestId(), m));
        // a member written a moment ago may not be in the index yet; one that a link names is read by id
        List<String> named = new ArrayList<>();
        group.values().forEach(m -> m.duplicateOf().filter(id -> !group.containsKey(id)).ifPresent(named::add));
        for (String id : named) {
            Optional<DataSubjectRequest> target = requests.find(id).filter(t -> t.status().isOpen()
                    && t.type() == self.type()
                    && ContactRepository.emailKey(t.email()).equals(ContactRepository.emailKey(self.email())));
            target.ifPresent(t -> group.put(t.requestId(), t));
        }
        return group.values().stream().sorted(EARLIEST).toList();
    }
}
