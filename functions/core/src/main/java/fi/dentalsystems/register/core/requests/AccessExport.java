package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.notice.Controller;
import fi.dentalsystems.register.core.notice.RegisterDescription;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.retention.RetentionRule;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GDPR art. 15 and 20: everything the register holds linked to a verified address, and for
 * each category why (purposes, seed §4), where from (source, seed §6), how long (the retention
 * policy), to whom (no one, seed §7) and where (EU only, seed §8). The shape is the published
 * schema docs/schemas/access-export.schema.json (version 1).
 */
public final class AccessExport {
    public static final String SCHEMA_VERSION = "1";

    private final ContactRepository contacts;
    private final CustomerRepository customers;
    private final HistoryRepository history;
    private final CredentialRepository credentials;
    private final RequestRepository requests;
    private final RetentionPolicy retention;
    private final Supplier<RegisterDescription> register;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public AccessExport(ContactRepository contacts, CustomerRepository customers, HistoryRepository history,
                        CredentialRepository credentials, RequestRepository requests, RetentionPolicy retention,
                        Supplier<RegisterDescription> register) {
        this.register = register;
        this.contacts = contacts;
        this.customers = customers;
        this.history = history;
        this.credentials = credentials;
        this.requests = requests;
        this.retention = retention;
    }

    public Map<String, Object> of(DataSubjectRequest request, Instant now) {
        String key = ContactRepository.emailKey(request.email());
        List<Contact> found = contacts.withEmail(key);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("schemaVersion", SCHEMA_VERSION);
        // seed §1–2 from the configuration the function runs on (template parameters), never a copy
        Controller controller = register.get().controller();
        export.put("controller", Map.of("name", controller.name(), "address", controller.postalAddress(),
                "businessId", controller.businessId(), "contact", register.get().contactPerson().email()));
        export.put("requestId", request.requestId());
        export.put("subjectAddress", request.email());
        export.put("producedAt", now.toString());
        export.put("recipients", "Personal data is not disclosed to outside parties (privacy notice section 7).");
        export.put("transfers", "Personal data is not transferred outside the EU or the EEA (privacy notice section 8).");

        List<Map<String, Object>> contactRecords = new ArrayList<>();
        List<Map<String, Object>> historyRecords = new ArrayList<>();
        List<Map<String, Object>> credentialRecords = new ArrayList<>();
        for (Contact c : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contactId", c.contactId());
            customers.find(c.customerId()).ifPresent(org -> m.put("customer", Map.of("customerId", org.customerId(),
                    "name", org.name(), "businessId", org.businessId())));
            m.put("name", c.name());
            m.put("email", c.email());
            c.phone().ifPresent(p -> m.put("phone", p));
            m.put("roles", c.roles().stream().map(Enum::name).sorted().toList());
            m.put("source", c.source().name());
            m.put("marketing", c.marketingObjection().map(o -> (Object) Map.of("objects", true,
                    "objectedAt", o.objectedAt().toString())).orElse(Map.of("objects", false)));
            m.put("createdAt", c.createdAt().toString());
            contactRecords.add(m);
            for (HistoryEntry e : history.aboutContact(c.contactId())) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("entryId", e.entryId());
                h.put("occurredAt", e.occurredAt().toString());
                h.put("channel", e.channel().name());
                h.put("summary", e.summary());
                h.put("source", e.source().name());
                historyRecords.add(h);
            }
            for (CredentialItem cred : credentials.ofContact(c.contactId())) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("service", cred.getService());
                if (cred.getUsername() != null) {
                    k.put("username", cred.getUsername());
                }
                if (cred.getLastSignInAt() != null) {
                    k.put("lastSignInAt", cred.getLastSignInAt());
                }
                credentialRecords.add(k);
            }
        }
        List<Map<String, Object>> organisations = new ArrayList<>();
        for (Customer org : customers.withEmail(key)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("customerId", org.customerId());
            m.put("name", org.name());
            m.put("businessId", org.businessId());
            m.put("email", org.email());
            m.put("phone", org.phone());
            organisations.add(m);
        }
        List<Map<String, Object>> requestRecords = new ArrayList<>();
        for (DataSubjectRequest r : requests.withEmail(key)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestId", r.requestId());
            m.put("type", r.type().name());
            m.put("status", r.status().name());
            m.put("channel", r.channel().name());
            m.put("receivedAt", r.receivedAt().toString());
            m.put("events", r.events().stream().map(e -> (Object) Map.of("at", e.at().toString(), "kind", e.kind()))
                    .toList());
            requestRecords.add(m);
        }

        List<Map<String, Object>> categories = new ArrayList<>();
        categories.add(category("contacts", "Contact records in customers' registers",
                List.of("customer-relationship", "billing", "technical-support", "fault-notices", "direct-marketing"),
                "as recorded on each item", DataCategory.CONTACT, contactRecords));
        categories.add(category("customerHistory", "Customer-history entries about you",
                List.of("technical-support", "customer-relationship"), "as recorded on each item",
                DataCategory.HISTORY_ENTRY, historyRecords));
        categories.add(category("credentials", "Sign-in metadata (never passwords)", List.of("service-development"),
                "the services you use", DataCategory.CREDENTIAL, credentialRecords));
        categories.add(category("organisations", "Customer organisations whose own address is yours",
                List.of("billing", "customer-relationship"), "given by the customer", DataCategory.CUSTOMER, organisations));
        categories.add(category("requests", "Your data protection requests", List.of("administration"), "you",
                DataCategory.CLOSED_REQUEST, requestRecords));
        export.put("categories", categories);
        return export;
    }

    private Map<String, Object> category(String id, String title, List<String> purposes, String source,
                                         DataCategory retentionCategory, List<Map<String, Object>> items) {
        RetentionRule rule = retention.rule(retentionCategory);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("purposes", purposes);
        m.put("source", source);
        m.put("retention", Map.of("period", rule.period().toString(), "from", rule.clockStart().name(),
                "reason", rule.reason()));
        m.put("recipients", List.of());
        m.put("items", items);
        return m;
    }
}
