package fi.dentalsystems.register.core.domain;

/** What a data subject asks for (seed §10–12 and the GDPR articles that now govern them). */
public enum RequestType {
    /** Art. 15, and portability (art. 20): seed §10. */
    ACCESS,
    /** Art. 16: seed §11. */
    RECTIFICATION,
    /** Art. 21, direct marketing and research: seed §12. */
    OBJECTION,
    /** Art. 17. */
    ERASURE,
    /** Art. 18. */
    RESTRICTION,
    /** Mail whose type staff must decide. */
    UNCLASSIFIED
}
