package fi.dentalsystems.register.core.domain;

/**
 * The lawful bases of GDPR art. 6(1) the register relies on; the privacy notice states one per
 * purpose (art. 13(1)(c)) and, for legitimate interests, what the interest is (art. 13(1)(d)).
 */
public enum LegalBasis {
    /** Art. 6(1)(b): performing the service contract the customer organisation has with the controller. */
    CONTRACT("6(1)(b)"),
    /** Art. 6(1)(c): an obligation of law, e.g. the Accounting Act, or answering data-subject requests. */
    LEGAL_OBLIGATION("6(1)(c)"),
    /** Art. 6(1)(f): the controller's legitimate interest, weighed against the person's; objectable (art. 21). */
    LEGITIMATE_INTEREST("6(1)(f)");

    private final String article;

    LegalBasis(String article) {
        this.article = article;
    }

    /** The point of GDPR art. 6 it rests on, e.g. {@code 6(1)(b)}. */
    public String article() {
        return article;
    }
}
