package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Sets an item's {@code purgeAt} (epoch seconds) and {@code purgeBucket} (its day) from the
 * retention policy, or leaves both empty while the item's clock has not started — so it stays
 * out of the sparse {@code byPurge} index.
 */
final class Retention {
    static final String BY_PURGE = "byPurge";
    static final RetentionPolicy POLICY = RetentionPolicy.defaults();

    private Retention() {
    }

    static void apply(DataCategory category, Optional<Instant> clockStarted, BiConsumer<Long, String> setter) {
        Optional<Instant> purgeAt = clockStarted.flatMap(start -> POLICY.purgeAt(category, start));
        setter.accept(purgeAt.map(Instant::getEpochSecond).orElse(null),
                purgeAt.map(RetentionPolicy::bucket).orElse(null));
    }
}
