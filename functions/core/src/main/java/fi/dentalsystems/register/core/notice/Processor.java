package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.Purpose;

import java.util.Set;

/**
 * A contracted service provider that processes register data on the controller's behalf
 * (GDPR art. 28): a recipient the notice names (art. 13(1)(e)), with the purposes its contract allows.
 */
public record Processor(String id, String name, Set<Purpose> purposes) {
    public Processor {
        purposes = Set.copyOf(purposes);
    }
}
