package fi.dentalsystems.register.watch;

import java.time.Instant;
import java.util.Optional;

/** The inbound bucket as the watch sees it: when the oldest message not yet marked processed arrived. */
interface RawMailListing {
    Optional<Instant> oldestUnprocessed();
}
