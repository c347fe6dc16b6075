package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What staff hold back from an access copy to protect others (GDPR art. 15(4); decision 0018):
 * a whole item of the export ({@code passage} empty), or one passage of a history entry's summary.
 * {@code reason} is staff's free text, for the review and the accountability of the request only:
 * the person's copy never shows it, and nothing logs it.
 */
public record Redaction(String redactionId, String itemId, Optional<String> passage, String reason, String by,
                        Instant at) {
    public static final String ID_PREFIX = "rdn_";

    public boolean withholdsItem() {
        return passage.isEmpty();
    }

    /** The same thing held back: the same item, the same passage (or the whole item both times). */
    public boolean sameAs(Redaction other) {
        return itemId.equals(other.itemId) && passage.equals(other.passage);
    }
}
