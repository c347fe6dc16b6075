package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.TargetType;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.notice.Controller;
import fi.dentalsystems.register.core.notice.RegisterDescription;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.retention.RetentionRule;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * GDPR art. 15 and 20: everything the register holds linked to a verified address, and for
 * each category why (purposes, seed §4: the purposes its stored attributes serve), where from
 * (source, seed §6), how long (the retention policy), to whom (art. 15(1)(c): the contracted
 * processors whose purposes let them see that data of this person; no disclosures, seed §7) and
 * where (EU only, seed §8). The shape is the published schema docs/schemas/access-export.schema.json
 * (version 2: recipients named; version 3: the {@code withheld} sentence of a redacted copy, art. 15(4)).
 * {@link #read} is the person's copy, the request's redactions applied ({@link RedactedCopy}); only
 * staff deciding a redaction see the {@link #whole} export.
 */
public final class AccessExport {
    public static final String SCHEMA_VERSION = "3";

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
        return read(request, now).export();
    }

    /** The export and every record it read, to be audited with it (issue 14): no read goes unrecorded. */
    public record Read(Map<String, Object> export, List<fi.dentalsystems.register.core.audit.AuditTarget> records) {
        public Read {
            export = java.util.Collections.unmodifiableMap(export);
            records = List.copyOf(records);
        }
    }

    /** The person's copy: everything, less what staff withheld to protect others (art. 15(4), decision 0018). */
    public Read read(DataSubjectRequest request, Instant now) {
        Read whole = whole(request, now);
        return new Read(RedactedCopy.apply(whole.export(), request.redactions(), request.language()), whole.records());
    }

    /** Everything, no redaction applied: for staff judging what to withhold, never for the person. */
    public Read whole(DataSubjectRequest request, Instant now) {
        List<fi.dentalsystems.register.core.audit.AuditTarget> read = new ArrayList<>();
        Map<String, Object> export = build(request, now, read);
        return new Read(export, read);
    }

    private Map<String, Object> build(DataSubjectRequest request, Instant now,
                                      List<fi.dentalsystems.register.core.audit.AuditTarget> read) {
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
        List<Processor> processors = register.get().processors();
        List<Contact> withHistory = new ArrayList<>();
        List<Contact> withCredentials = new ArrayList<>();

        List<Map<String, Object>> contactRecords = new ArrayList<>();
        List<Map<String, Object>> historyRecords = new ArrayList<>();
        List<Map<String, Object>> credentialRecords = new ArrayList<>();
        for (Contact c : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contactId", c.contactId());
            read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.CONTACT, c.contactId()));
            customers.find(c.customerId()).ifPresent(org -> {
                read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.CUSTOMER, org.customerId()));
                m.put("customer", Map.of("customerId", org.customerId(), "name", org.name(), "businessId", org.businessId()));
            });
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
                withHistory.add(c);
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("entryId", e.entryId());
                read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.HISTORY_ENTRY, e.entryId()));
                h.put("occurredAt", e.occurredAt().toString());
                h.put("channel", e.channel().name());
                h.put("summary", e.summary());
                h.put("source", e.source().name());
                historyRecords.add(h);
            }
            for (CredentialItem cred : credentials.ofContact(c.contactId())) {
                withCredentials.add(c);
                read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.CREDENTIAL,
                        c.contactId() + "/" + cred.getService()));
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
        List<Customer> orgs = customers.withEmail(key);
        for (Customer org : orgs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("customerId", org.customerId());
            read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.CUSTOMER, org.customerId()));
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
            read.add(new fi.dentalsystems.register.core.audit.AuditTarget(TargetType.REQUEST, r.requestId()));
            m.put("type", r.type().name());
            m.put("status", r.status().name());
            m.put("channel", r.channel().name());
            m.put("receivedAt", r.receivedAt().toString());
            m.put("events", r.events().stream().map(e -> (Object) Map.of("at", e.at().toString(), "kind", e.kind()))
                    .toList());
            requestRecords.add(m);
        }

        // a processor is a recipient of what it may be shown of this person (the register's Disclosure rules)
        List<Map<String, Object>> categories = new ArrayList<>();
        categories.add(category("contacts", "Contact records in customers' registers", contactPurposes(found),
                "as recorded on each item", DataCategory.CONTACT, contactRecords, recipients(processors,
                        RegisterTable.CONTACTS, d -> found.stream().anyMatch(d::concerns))));
        categories.add(category("customerHistory", "Customer-history entries about you",
                StoredAttributes.purposesOf(RegisterTable.HISTORY), "as recorded on each item",
                DataCategory.HISTORY_ENTRY, historyRecords, recipients(processors, RegisterTable.HISTORY,
                        d -> d.concerns(RegisterTable.HISTORY, Set.of()) && withHistory.stream().anyMatch(d::concerns))));
        categories.add(category("credentials", "Sign-in metadata (never passwords)",
                StoredAttributes.purposesOf(RegisterTable.CREDENTIALS), "the services you use", DataCategory.CREDENTIAL,
                credentialRecords, recipients(processors, RegisterTable.CREDENTIALS,
                        d -> d.concerns(RegisterTable.CREDENTIALS, Set.of())
                                && withCredentials.stream().anyMatch(d::concerns))));
        categories.add(category("organisations", "Customer organisations whose own address is yours",
                StoredAttributes.purposesOf(RegisterTable.CUSTOMERS), "given by the customer", DataCategory.CUSTOMER,
                organisations, recipients(processors, RegisterTable.CUSTOMERS,
                        d -> orgs.stream().anyMatch(d::concerns))));
        categories.add(category("requests", "Your data protection requests",
                StoredAttributes.purposesOf(RegisterTable.REQUESTS), "you", DataCategory.CLOSED_REQUEST, requestRecords,
                recipients(processors, RegisterTable.REQUESTS, d -> d.concerns(RegisterTable.REQUESTS, Set.of()))));
        if (categories.stream().anyMatch(c -> !((List<?>) c.get("recipients")).isEmpty())) {
            export.put("recipients", "Personal data is not disclosed to outside parties (privacy notice section 7). "
                    + "The service providers named under a category process it on the controller's behalf, under "
                    + "contract and only for the purposes named (GDPR art. 28).");
        }
        export.put("categories", categories);
        return export;
    }

    /** The purposes the person's contact records serve: their own, and their roles' (StoredAttributes). */
    private static Set<Purpose> contactPurposes(List<Contact> found) {
        if (found.isEmpty()) {
            return StoredAttributes.purposesOf(RegisterTable.CONTACTS);
        }
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        StoredAttributes.all().stream().filter(d -> d.table() == RegisterTable.CONTACTS)
                .forEach(d -> found.forEach(c -> purposes.addAll(d.purposesFor(c.roles()))));
        return purposes;
    }

    /** The processors that may be shown this data of the person, each with the purposes it would see it for. */
    private static List<Map<String, Object>> recipients(List<Processor> processors, RegisterTable table,
                                                        Predicate<Disclosure> sees) {
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (Processor processor : processors) {
            Disclosure disclosure = Disclosure.forPurposes(processor.purposes());
            if (sees.test(disclosure)) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", processor.name());
                r.put("purposes", disclosure.servedIn(table).stream().map(Purpose::code).toList());
                recipients.add(r);
            }
        }
        return recipients;
    }

    private Map<String, Object> category(String id, String title, Set<Purpose> purposes, String source,
                                         DataCategory retentionCategory, List<Map<String, Object>> items,
                                         List<Map<String, Object>> recipients) {
        RetentionRule rule = retention.rule(retentionCategory);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("purposes", purposes.stream().sorted().map(Purpose::code).toList());
        m.put("source", source);
        m.put("retention", Map.of("period", rule.period().toString(), "from", rule.clockStart().name(),
                "reason", rule.reason()));
        m.put("recipients", recipients);
        m.put("items", items);
        return m;
    }
}
