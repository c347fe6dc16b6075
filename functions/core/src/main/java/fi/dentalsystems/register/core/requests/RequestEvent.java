package fi.dentalsystems.register.core.requests;

import java.time.Instant;
import java.util.Optional;

/** One step in a request's life: what happened, when, by whom (an id), and an optional staff note. */
public record RequestEvent(Instant at, String kind, String actor, Optional<String> note) {
}
