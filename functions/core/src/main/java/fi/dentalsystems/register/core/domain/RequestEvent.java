package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;

/** One step in a request's life: what happened, when, by whom (an id), and an optional staff note. */
public record RequestEvent(Instant at, String kind, String actor, Optional<String> note) {
}
