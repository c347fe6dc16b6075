package fi.dentalsystems.register.core.domain;

/** A customer relationship is ACTIVE until ended; ending starts the retention clocks. */
public enum CustomerStatus {
    ACTIVE,
    ENDED
}
