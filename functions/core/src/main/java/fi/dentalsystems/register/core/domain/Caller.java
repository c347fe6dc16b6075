package fi.dentalsystems.register.core.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller as the JWT authorizer saw it: an opaque subject id (never a name
 * or address: it goes into audit items and logs), the register groups of the token and, for a
 * contracted processor's user, the processor it acts for (from the processor register, by its
 * Cognito group; set only when the token has no staff or admin group).
 */
public record Caller(String subject, Set<StaffGroup> groups, Optional<Processor> processor) {

    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

    public Caller {
        groups = groups.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groups));
        if (processor.isPresent() && (groups.contains(StaffGroup.ADMIN) || groups.contains(StaffGroup.STAFF))) {
            processor = Optional.empty();
        }
    }

    public Caller(String subject, Set<StaffGroup> groups) {
        this(subject, groups, Optional.empty());
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
