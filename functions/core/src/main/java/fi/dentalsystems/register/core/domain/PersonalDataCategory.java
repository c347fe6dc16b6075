package fi.dentalsystems.register.core.domain;

/**
 * The categories of data the privacy notice declares (seed §5), plus the register's own
 * records of requests, accesses and objections. Every stored attribute is declared as one of
 * these or as technical ({@code store.StoredAttributes}); a test fails on an undeclared
 * attribute and on a category nothing in main code writes.
 */
public enum PersonalDataCategory {
    /** The customer organisation's billing address, other address and contact details, phone numbers. */
    CUSTOMER_DETAILS,
    /** E-mail addresses of customers and their people. */
    EMAIL_ADDRESSES,
    /** The customer's business id (Y-tunnus). */
    BUSINESS_ID,
    /** Customer history: support contacts, deliveries, agreements. */
    CUSTOMER_HISTORY,
    /** The customer's contact persons, users reported by the customer and maintainers (by role). */
    CUSTOMER_PEOPLE,
    /** Data related to authentication to the services: account names and last sign-in, never secrets. */
    AUTHENTICATION,
    /** Data-subject requests and what was done with them (GDPR art. 5(2), 12). */
    DATA_SUBJECT_REQUESTS,
    /** Who read or changed what, when and why (accountability, GDPR art. 5(2), 32). */
    AUDIT_TRAIL,
    /** Objections to direct marketing, kept as a peppered hash of the address only (art. 21(3)). */
    MARKETING_OBJECTIONS
}
