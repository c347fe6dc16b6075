package fi.dentalsystems.register.core.requests;

/** Test sample for the layering rule (architecture.CoreLayersTest): an import against the direction, never used. */
final class LayeringSampleRequestsUsingHttp {
    Object target() {
        return fi.dentalsystems.register.core.http.JsonBody.class;
    }
}
