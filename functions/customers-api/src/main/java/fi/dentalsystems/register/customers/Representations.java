package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.Page;
import fi.dentalsystems.register.core.store.RegisterTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON shapes of the answers (openapi.yaml names them), written from maps: no reflection. Each record
 * is written as the caller's {@link Disclosure} lets it be seen: staff get every field, a processor
 * only those its contract's purposes cover (decision 0011).
 */
final class Representations {
    private Representations() {
    }

    static Map<String, Object> customer(Customer c, Disclosure d) {
        Shown m = new Shown(d, RegisterTable.CUSTOMERS);
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("businessId", c.businessId());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.object("billingAddress", m.nested()
                .put("street", c.billingAddress().street())
                .put("postalCode", c.billingAddress().postalCode())
                .put("city", c.billingAddress().city())
                .put("country", c.billingAddress().country()));
        m.put("eInvoiceAddress", c.eInvoiceAddress());
        m.put("status", c.status().name());
        m.put("endedAt", c.endedAt().map(Object::toString));
        m.put("marketingOptOut", c.marketingOptOut());
        c.restriction().ifPresent(r -> m.object("restriction", m.nested()
                .put("at", "restrictedAt", r.at().toString())
                .put("reason", "restrictionReason", r.reason())));
        m.put("createdAt", c.createdAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        m.put("version", c.version());
        return m.map();
    }

    static Map<String, Object> contact(Contact c, Disclosure d) {
        Shown m = new Shown(d, RegisterTable.CONTACTS, c.roles());
        m.put("contactId", c.contactId());
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
        m.put("source", c.source().name());
        Shown marketing = m.nested().put("objects", "objectedAt", c.objectsToMarketing());
        c.marketingObjection().ifPresent(o -> {
            marketing.put("objectedAt", o.objectedAt().toString());
            marketing.put("requestId", "objectionRequestId", o.requestId());
        });
        m.object("marketing", marketing);
        c.restriction().ifPresent(r -> m.object("restriction", m.nested()
                .put("at", "restrictedAt", r.at().toString())
                .put("requestId", "restrictionRequestId", r.requestId())));
        m.put("createdAt", c.createdAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        m.put("version", c.version());
        return m.map();
    }

    static Map<String, Object> historyEntry(HistoryEntry e, Disclosure d) {
        Shown m = new Shown(d, RegisterTable.HISTORY);
        m.put("entryId", e.entryId());
        m.put("customerId", e.customerId());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("channel", e.channel().name());
        m.put("summary", e.summary());
        m.put("contactId", e.contactId());
        m.put("source", e.source().name());
        m.put("recordedBy", e.recordedBy());
        m.put("createdAt", e.createdAt().toString());
        return m.map();
    }

    /** A contact on a recipient list: who to write to, and in which roles. */
    static Map<String, Object> recipient(Contact c, Disclosure d) {
        Shown m = new Shown(d, RegisterTable.CONTACTS, c.roles());
        m.put("contactId", c.contactId());
        m.put("customerId", c.customerId());
        m.put("name", c.name());
        m.put("email", c.email());
        m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
        return m.map();
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
        e.processorId().ifPresent(id -> m.put("processorId", id));
        m.put("purpose", e.purpose());
        m.put("route", e.route());
        m.put("requestId", e.requestId());
        if (!e.details().isEmpty()) {
            m.put("details", new java.util.TreeMap<>(e.details()));
        }
        return m;
    }

    /** The verifier's answer, as issue 14 gives its shape. */
    static Map<String, Object> integrity(fi.dentalsystems.register.core.audit.AuditVerifier.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intact", r.intact());
        m.put("checked", r.checked());
        m.put("problems", r.problems().stream().map(p -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("day", p.day().toString());
            p.entryId().ifPresent(id -> problem.put("entryId", id));
            problem.put("kind", p.kind().wire());
            return problem;
        }).toList());
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
