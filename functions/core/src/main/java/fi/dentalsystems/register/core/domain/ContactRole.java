package fi.dentalsystems.register.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles of a person in a customer's context (seed §5), each with the purposes of processing
 * (seed §4) a person in that role is kept for. A contact's name, address, phone and roles serve
 * these purposes (and, for every role, the customer relationship and direct marketing:
 * {@code store.StoredAttributes}), so a processor sees a contact only when its contract's purposes
 * meet one of them (GDPR art. 28(3)(a), seed §9).
 */
public enum ContactRole {
    DECISION_MAKER(Purpose.ADMINISTRATION),
    ADMINISTRATION(Purpose.ADMINISTRATION),
    BILLING(Purpose.BILLING),
    TECHNICAL(Purpose.TECHNICAL_SUPPORT, Purpose.FAULT_NOTICES),
    USER(Purpose.TECHNICAL_SUPPORT),
    MAINTAINER(Purpose.TECHNICAL_SUPPORT, Purpose.FAULT_NOTICES);

    private final Set<Purpose> purposes;

    ContactRole(Purpose first, Purpose... rest) {
        this.purposes = Set.copyOf(EnumSet.of(first, rest));
    }

    /** The purposes a person in this role is kept for, besides the customer relationship and direct marketing. */
    public Set<Purpose> purposes() {
        return purposes;
    }

    /** Fault and outage notices (seed §4) go to the roles kept for them; they are not marketing. */
    public boolean receivesFaultNotices() {
        return purposes.contains(Purpose.FAULT_NOTICES);
    }
}
