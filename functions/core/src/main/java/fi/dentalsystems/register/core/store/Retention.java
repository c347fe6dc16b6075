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
 *
 * <p>The bucket is the day of {@code purgeAt}, but never a day before the write: an item whose
 * end is already past when it is written (a backdated history entry, say) goes into the write's
 * day. The purge keeps a checkpoint of the days it has cleared, so nothing may land in a day it
 * has already left behind (docs/decisions/0007-retention-purge.md).
 */
final class Retention {
    static final RetentionPolicy POLICY = RetentionPolicy.defaults();

    private Retention() {
    }

    static void apply(DataCategory category, Optional<Instant> clockStarted, Instant writtenAt,
                      BiConsumer<Long, String> setter) {
        Optional<Instant> purgeAt = clockStarted.flatMap(start -> POLICY.purgeAt(category, start));
        setter.accept(purgeAt.map(Instant::getEpochSecond).orElse(null),
                purgeAt.map(at -> bucket(at, writtenAt)).orElse(null));
    }

    static String bucket(Instant purgeAt, Instant writtenAt) {
        return RetentionPolicy.bucket(purgeAt.isBefore(writtenAt) ? writtenAt : purgeAt);
    }
}
