package fi.dentalsystems.register.core.retention;

/** Test sample for the layering rule (architecture.CoreLayersTest): an import against the direction, never used. */
final class LayeringSampleRetentionNeedingTables {
    Object target() {
        return fi.dentalsystems.register.core.store.RegisterTable.class;
    }
}
