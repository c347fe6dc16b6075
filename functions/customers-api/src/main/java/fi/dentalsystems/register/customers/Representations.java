package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.store.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** JSON shapes of the answers (openapi.yaml names them), written from maps: no reflection. */
final class Representations {
    private Representations() {
    }

    static Map<String, Object> customer(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("businessId", c.businessId());
        m.put("email", c.email());
        m.put("phone", c.phone());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", c.billingAddress().street());
        address.put("postalCode", c.billingAddress().postalCode());
        address.put("city", c.billingAddress().city());
        address.put("country", c.billingAddress().country());
        m.put("billingAddress", address);
        c.eInvoiceAddress().ifPresent(v -> m.put("eInvoiceAddress", v));
        m.put("status", c.status().name());
        c.endedAt().ifPresent(v -> m.put("endedAt", v.toString()));
        m.put("marketingOptOut", c.marketingOptOut());
        c.restriction().ifPresent(r -> {
            Map<String, Object> restriction = new LinkedHashMap<>();
            restriction.put("at", r.at().toString());
            restriction.put("reason", r.reason());
            m.put("restriction", restriction);
        });
        m.put("createdAt", c.createdAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        m.put("version", c.version());
        return m;
    }

    static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contactId", c.contactId());
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("email", c.email());
        c.phone().ifPresent(v -> m.put("phone", v));
        m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
        m.put("source", c.source().name());
        Map<String, Object> marketing = new LinkedHashMap<>();
        marketing.put("objects", c.objectsToMarketing());
        c.marketingObjection().ifPresent(o -> {
            marketing.put("objectedAt", o.objectedAt().toString());
            o.requestId().ifPresent(id -> marketing.put("requestId", id));
        });
        m.put("marketing", marketing);
        c.restriction().ifPresent(r -> {
            Map<String, Object> restriction = new LinkedHashMap<>();
            restriction.put("at", r.at().toString());
            restriction.put("requestId", r.requestId());
            m.put("restriction", restriction);
        });
        m.put("createdAt", c.createdAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        m.put("version", c.version());
        return m;
    }

    static Map<String, Object> historyEntry(HistoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", e.entryId());
        m.put("customerId", e.customerId());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("channel", e.channel().name());
        m.put("summary", e.summary());
        e.contactId().ifPresent(v -> m.put("contactId", v));
        m.put("source", e.source().name());
        m.put("recordedBy", e.recordedBy());
        m.put("createdAt", e.createdAt().toString());
        return m;
    }

    static Map<String, Object> auditEntry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", e.entryId());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("action", e.action().name());
        m.put("targetType", e.target().type().name());
        m.put("targetId", e.target().id());
        m.put("actorId", e.actorId());
        m.put("actorGroup", e.actorGroup());
        m.put("purpose", e.purpose());
        m.put("route", e.route());
        m.put("requestId", e.requestId());
        if (!e.details().isEmpty()) {
            m.put("details", new java.util.TreeMap<>(e.details()));
        }
        return m;
    }

    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(item).toList());
        page.nextCursor().ifPresent(c -> m.put("nextCursor", c));
        return m;
    }

    static <T> Map<String, Object> list(List<T> items, Function<T, Map<String, Object>> item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items.stream().map(item).toList());
        return m;
    }
}
