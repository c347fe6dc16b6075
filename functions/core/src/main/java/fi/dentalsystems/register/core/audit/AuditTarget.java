package fi.dentalsystems.register.core.audit;

import fi.dentalsystems.register.core.domain.TargetType;

public record AuditTarget(TargetType type, String id) {
}
