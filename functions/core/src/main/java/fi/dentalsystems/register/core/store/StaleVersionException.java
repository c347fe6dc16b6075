package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.TargetType;

/**
 * A conditional write lost: the item changed since the caller read it. Names the kind of item
 * (never its data), so the one mapping to a 412 answer can say what changed.
 */
public final class StaleVersionException extends RuntimeException {
    private final TargetType target;

    public StaleVersionException(TargetType target) {
        super("stale version of a " + target, null, false, false);
        this.target = target;
    }

    public TargetType target() {
        return target;
    }
}
