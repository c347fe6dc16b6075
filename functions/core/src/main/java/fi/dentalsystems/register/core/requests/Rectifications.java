package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.CorrectionRefusedException;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which request warrants a correction (GDPR art. 16, issue 15): the one {@code X-Data-Subject-Request}
 * names must exist, be a RECTIFICATION, be VERIFIED or IN_PROGRESS (the person proved the address,
 * nothing is answered yet) and concern the record's person — its address is the record's (normalised).
 * Anything else is refused before the record changes; the audit item then names a request that
 * really asked for it. Refusals name the rule and the id sent, never an address.
 */
public final class Rectifications {
    /** Where a correction may be made: verified and not yet answered. */
    public static final Set<RequestStatus> OPEN_FOR_CORRECTIONS = Set.of(RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS);

    private final RequestRepository requests;

    public Rectifications(RequestRepository requests) {
        this.requests = requests;
    }

    /** The request that warrants correcting the record of the person with {@code recordEmail}; refused otherwise. */
    public DataSubjectRequest warrant(String requestId, String recordEmail) {
        return warrantFrom(requestId, recordEmail, requests::find);
    }

    /**
     * The whole decision, with the loading passed in (issue 15: testable in core without an engine):
     * an id of the wrong shape is never looked up, a missing request is refused like one of the wrong
     * shape, and a loaded one must pass {@link #check}.
     */
    static DataSubjectRequest warrantFrom(String requestId, String recordEmail,
                                          Function<String, Optional<DataSubjectRequest>> find) {
        DataSubjectRequest r = (Ulid.isId(requestId, DataSubjectRequest.ID_PREFIX) ? find.apply(requestId)
                : Optional.<DataSubjectRequest>empty())
                .orElseThrow(() -> new CorrectionRefusedException("There is no request " + requestId
                        + "; a correction names the rectification request it answers."));
        check(r, ContactRepository.emailKey(recordEmail));
        return r;
    }

    /** The rule itself, over a loaded request and the record's normalised address. */
    static void check(DataSubjectRequest r, String recordEmailKey) {
        if (r.type() != RequestType.RECTIFICATION) {
            throw new CorrectionRefusedException("Request " + r.requestId() + " is a " + r.type()
                    + " request; only a RECTIFICATION request warrants a correction.");
        }
        if (!OPEN_FOR_CORRECTIONS.contains(r.status())) {
            throw new CorrectionRefusedException("Request " + r.requestId() + " is " + r.status()
                    + "; corrections are made while a rectification request is VERIFIED or IN_PROGRESS.");
        }
        if (r.email().isEmpty() || !ContactRepository.emailKey(r.email()).equals(recordEmailKey)) {
            throw new CorrectionRefusedException("Request " + r.requestId()
                    + " does not concern this record's person (its address is another).");
        }
    }
}
