package fi.dentalsystems.register.core.retention;

/** Test sample for the layering rule (architecture.CoreLayersTest): an import against the direction, never used. */
final class LayeringSampleRetentionNeedingRequests {
    Object target() {
        return fi.dentalsystems.register.core.requests.AccessExport.class;
    }
}
