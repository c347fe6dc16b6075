package fi.dentalsystems.register.core.domain;

import java.time.Instant;

/** The one extension a request may get (GDPR art. 12(3)), with the reason told to the requester. */
public record Extension(int months, String reason, Instant at) {
}
