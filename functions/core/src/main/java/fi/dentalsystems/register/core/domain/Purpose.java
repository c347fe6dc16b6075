package fi.dentalsystems.register.core.domain;

/** Purposes of processing (seed §4). Audit entries name the purpose of each access. */
public enum Purpose {
    SERVICE_DEVELOPMENT("service-development"),
    BILLING("billing"),
    TECHNICAL_SUPPORT("technical-support"),
    ADMINISTRATION("administration"),
    CUSTOMER_RELATIONSHIP("customer-relationship"),
    FAULT_NOTICES("fault-notices"),
    DIRECT_MARKETING("direct-marketing");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
