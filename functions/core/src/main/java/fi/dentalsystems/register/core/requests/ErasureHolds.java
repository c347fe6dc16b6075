package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.store.LegalHolds;

import java.time.Instant;
import java.util.Optional;

/**
 * Which legal hold keeps a record from an erasure (GDPR art. 17(3)(e): the establishment, exercise or
 * defence of legal claims): a contact record's own active hold, else its customer's. One rule for the
 * erasure itself (ErasureFulfilment) and for the review staff see before completing it (the records
 * route, issue 16), so the review cannot promise what the erasure does not do.
 */
public final class ErasureHolds {
    /** The hold that keeps a record: on the record itself or on the customer it hangs under, and until when. */
    public record Keeping(HoldTarget on, Instant holdsUntil) {
    }

    private final LegalHolds holds;

    public ErasureHolds(LegalHolds holds) {
        this.holds = holds;
    }

    public Optional<Keeping> keeping(Contact contact, Instant now) {
        return active(HoldTarget.CONTACT, contact.contactId(), now)
                .or(() -> active(HoldTarget.CUSTOMER, contact.customerId(), now));
    }

    /** A customer organisation is kept anyway (Accounting Act); its hold, if any, is a second reason. */
    public Optional<Keeping> keeping(Customer customer, Instant now) {
        return active(HoldTarget.CUSTOMER, customer.customerId(), now);
    }

    private Optional<Keeping> active(HoldTarget target, String id, Instant now) {
        return holds.find(target, id).filter(h -> h.isActive(now)).map(LegalHold::until)
                .map(until -> new Keeping(target, until));
    }
}
