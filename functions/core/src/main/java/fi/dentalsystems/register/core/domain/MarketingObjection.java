package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.Optional;

/** When the person objected to direct marketing, and through which request (if any). */
public record MarketingObjection(Instant objectedAt, Optional<String> requestId) {
}
