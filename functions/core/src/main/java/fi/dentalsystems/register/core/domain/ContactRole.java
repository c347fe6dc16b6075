package fi.dentalsystems.register.core.domain;

/** Roles of a person in a customer's context (seed §5). */
public enum ContactRole {
    DECISION_MAKER,
    ADMINISTRATION,
    BILLING,
    TECHNICAL,
    USER,
    MAINTAINER;

    /** Fault and outage notices (seed §4) go to these roles; they are not marketing. */
    public boolean receivesFaultNotices() {
        return this == TECHNICAL || this == MAINTAINER;
    }
}
