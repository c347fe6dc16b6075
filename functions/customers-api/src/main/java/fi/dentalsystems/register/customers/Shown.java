package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON object of one record as the caller may see it: each field names the stored attribute it
 * comes from, and is left out when the caller's {@link Disclosure} does not show that attribute (a
 * processor sees only what its contract's purposes cover). A field naming an undeclared attribute
 * fails, so no answer can carry data StoredAttributes does not know.
 */
final class Shown {
    private final Disclosure disclosure;
    private final RegisterTable table;
    private final Set<ContactRole> roles;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Shown(Disclosure disclosure, RegisterTable table, Set<ContactRole> roles) {
        this.disclosure = disclosure;
        this.table = table;
        this.roles = roles;
    }

    Shown(Disclosure disclosure, RegisterTable table) {
        this(disclosure, table, Set.of());
    }

    /** A field stored under its own name. */
    Shown put(String field, Object value) {
        return put(field, field, value);
    }

    /** A field stored as {@code attribute}. */
    Shown put(String field, String attribute, Object value) {
        if (disclosure.shows(table, attribute, roles)) {
            fields.put(field, value);
        }
        return this;
    }

    Shown put(String field, Optional<?> value) {
        return put(field, field, value);
    }

    Shown put(String field, String attribute, Optional<?> value) {
        value.ifPresent(v -> put(field, attribute, v));
        return this;
    }

    /** A nested object of the same record, left out when none of its fields may be shown. */
    Shown object(String field, Shown nested) {
        if (!nested.fields.isEmpty()) {
            fields.put(field, nested.fields);
        }
        return this;
    }

    /** An empty nested object of the same record. */
    Shown nested() {
        return new Shown(disclosure, table, roles);
    }

    Map<String, Object> map() {
        return fields;
    }
}
