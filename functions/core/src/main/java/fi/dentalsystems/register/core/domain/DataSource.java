package fi.dentalsystems.register.core.domain;

/** Regular sources of data (seed §6); told to the data subject on access (GDPR art. 14–15). */
public enum DataSource {
    CUSTOMER,
    PHONE,
    EMAIL,
    PUBLIC_REGISTER
}
