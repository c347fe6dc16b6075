package fi.dentalsystems.register.core.domain;

/**
 * Purposes of processing (seed §4), each with its lawful basis (GDPR art. 6(1); why each one:
 * docs/decisions/0008-privacy-notice-as-code.md). Audit entries name the purpose of each
 * access; the privacy notice and the record of processing list them from here.
 */
public enum Purpose {
    /** Developing the services customers use: the controller's interest in services that work. */
    SERVICE_DEVELOPMENT("service-development", LegalBasis.LEGITIMATE_INTEREST),
    /** Invoicing and keeping billing records: the Accounting Act (kirjanpitolaki) requires them. */
    BILLING("billing", LegalBasis.LEGAL_OBLIGATION),
    /** Support of the services the customer has contracted: part of performing that contract. */
    TECHNICAL_SUPPORT("technical-support", LegalBasis.CONTRACT),
    /** Running the register itself, incl. answering data-subject requests (GDPR art. 12–22). */
    ADMINISTRATION("administration", LegalBasis.LEGAL_OBLIGATION),
    /** Keeping in touch with the customer organisation's people: a B2B relationship interest. */
    CUSTOMER_RELATIONSHIP("customer-relationship", LegalBasis.LEGITIMATE_INTEREST),
    /** Telling users and maintainers of faults and outages: part of the contracted service. */
    FAULT_NOTICES("fault-notices", LegalBasis.CONTRACT),
    /** Direct marketing to business contacts (recital 47); anyone may object at any time (art. 21(2)). */
    DIRECT_MARKETING("direct-marketing", LegalBasis.LEGITIMATE_INTEREST);

    private final String code;
    private final LegalBasis basis;

    Purpose(String code, LegalBasis basis) {
        this.code = code;
        this.basis = basis;
    }

    public String code() {
        return code;
    }

    public LegalBasis basis() {
        return basis;
    }
}
