package fi.dentalsystems.register.core.audit;

/** Test sample for the layering rule (architecture.CoreLayersTest): an import against the direction, never used. */
final class LayeringSampleAuditNeedingHttp {
    Object target() {
        return fi.dentalsystems.register.core.http.ApiRequest.class;
    }
}
