package fi.dentalsystems.register.core.domain;

/** How a customer-history entry came about. */
public enum HistoryChannel {
    PHONE,
    EMAIL,
    SUPPORT_TICKET,
    MEETING,
    NOTE
}
