package fi.dentalsystems.register.core.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller as the JWT authorizer saw it: an opaque subject id (never a name
 * or address: it goes into audit items and logs) and the register groups of the token.
 */
public record Caller(String subject, Set<StaffGroup> groups) {

    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

    public Caller {
        groups = groups.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groups));
    }

    public boolean isAuthenticated() {
        return !groups.isEmpty() || !"anonymous".equals(subject);
    }

    public boolean isAny(Set<StaffGroup> allowed) {
        return groups.stream().anyMatch(allowed::contains);
    }

    public Optional<StaffGroup> highest() {
        return groups.stream().min(Enum::compareTo);
    }
}
