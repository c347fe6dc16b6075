package fi.dentalsystems.register.core.audit;

public record AuditTarget(TargetType type, String id) {
}
