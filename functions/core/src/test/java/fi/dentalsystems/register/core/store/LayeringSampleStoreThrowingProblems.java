package fi.dentalsystems.register.core.store;

/** Test sample for the layering rule (architecture.CoreLayersTest): an import against the direction, never used. */
final class LayeringSampleStoreThrowingProblems {
    Object target() {
        return fi.dentalsystems.register.core.http.ProblemException.class;
    }
}
