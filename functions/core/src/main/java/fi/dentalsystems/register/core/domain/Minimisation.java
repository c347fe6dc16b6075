package fi.dentalsystems.register.core.domain;

import java.time.Instant;

/**
 * What a closed request keeps once its content is gone (issue 11, GDPR art. 5(1)(c), 5(2)): when it
 * was minimised, the peppered hash of the address it named (HMAC, as the Suppression list keeps —
 * a later "did you answer my request?" from that address can be checked, the address cannot be
 * read back) and the outcome, written by the register itself, never a staff note.
 */
public record Minimisation(Instant at, String addressHash, String outcome) {
}
