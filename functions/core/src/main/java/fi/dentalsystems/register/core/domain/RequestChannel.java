package fi.dentalsystems.register.core.domain;

/** How a request arrived; letters are typed in by staff. */
public enum RequestChannel {
    WEB_FORM,
    EMAIL,
    LETTER
}
