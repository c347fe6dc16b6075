package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.domain.Purpose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static fi.dentalsystems.register.core.domain.PersonalDataCategory.AUDIT_TRAIL;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.AUTHENTICATION;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.BUSINESS_ID;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.CUSTOMER_DETAILS;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.CUSTOMER_HISTORY;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.CUSTOMER_PEOPLE;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.DATA_SUBJECT_REQUESTS;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.EMAIL_ADDRESSES;
import static fi.dentalsystems.register.core.domain.PersonalDataCategory.MARKETING_OBJECTIONS;
import static fi.dentalsystems.register.core.domain.Purpose.ADMINISTRATION;
import static fi.dentalsystems.register.core.domain.Purpose.BILLING;
import static fi.dentalsystems.register.core.domain.Purpose.CUSTOMER_RELATIONSHIP;
import static fi.dentalsystems.register.core.domain.Purpose.DIRECT_MARKETING;
import static fi.dentalsystems.register.core.domain.Purpose.FAULT_NOTICES;
import static fi.dentalsystems.register.core.domain.Purpose.SERVICE_DEVELOPMENT;
import static fi.dentalsystems.register.core.domain.Purpose.TECHNICAL_SUPPORT;

/**
 * What every stored attribute is: one declaration per (table, attribute), either a category
 * of personal data the privacy notice declares (seed §5) or technical (keys, versions, purge
 * clocks, holds, timestamps of the record itself), and for personal data the purposes of
 * processing (seed §4) it serves. The notice's data-content section and the record of processing
 * (GDPR art. 30) are generated from here; {@code StoredAttributesTest} reads every item schema and
 * the template and fails on an attribute not declared here, or a personal one serving no purpose.
 * The purposes decide what a contracted processor is shown ({@link Disclosure}; seed §9).
 */
public final class StoredAttributes {
    /**
     * One stored attribute: its table, name, category (empty: technical) and the purposes it serves;
     * {@code byRoles}: also the purposes of the contact's roles ({@link ContactRole#purposes()}).
     */
    public record Declaration(RegisterTable table, String attribute, Optional<PersonalDataCategory> category,
                              Set<Purpose> purposes, boolean byRoles) {
        public Declaration {
            purposes = Set.copyOf(purposes);
        }

        public boolean technical() {
            return category.isEmpty();
        }

        /** The purposes this attribute of one record serves: its own, and its contact's roles' if it goes by them. */
        public Set<Purpose> purposesFor(Set<ContactRole> roles) {
            if (!byRoles || roles.isEmpty()) {
                return purposes;
            }
            Set<Purpose> all = purposes.isEmpty() ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(purposes);
            roles.forEach(r -> all.addAll(r.purposes()));
            return all;
        }

        /** Every purpose it may serve, whatever the record's roles. */
        public Set<Purpose> anyPurposes() {
            return purposesFor(byRoles ? EnumSet.allOf(ContactRole.class) : Set.of());
        }
    }

    private static final List<Declaration> ALL = new ArrayList<>();

    static {
        // purge clock and legal hold: on every table whose items have an end (DESIGN.md, Retention)
        for (RegisterTable t : List.of(RegisterTable.CUSTOMERS, RegisterTable.CONTACTS, RegisterTable.HISTORY,
                RegisterTable.CREDENTIALS, RegisterTable.AUDIT, RegisterTable.REQUESTS)) {
            technical(t, PurgeableItem.PURGE_AT, PurgeableItem.PURGE_BUCKET);
        }
        for (RegisterTable t : List.of(RegisterTable.CUSTOMERS, RegisterTable.CONTACTS, RegisterTable.REQUESTS)) {
            technical(t, LegalHolds.HOLD_UNTIL, LegalHolds.HOLD_REASON, LegalHolds.HELD_BY, LegalHolds.HELD_AT);
        }

        technical(RegisterTable.CUSTOMERS, "customerId", "recordType", "claimedBy", "nameKey", "emailKey", "status", "endedAt",
                "createdAt", "updatedAt", "restrictedAt", "restrictionReason", "version");
        personal(RegisterTable.CUSTOMERS, CUSTOMER_DETAILS, "name", "phone", "street", "postalCode", "city",
                "country", "eInvoiceAddress", "marketingOptOut");
        personal(RegisterTable.CUSTOMERS, EMAIL_ADDRESSES, "email");
        personal(RegisterTable.CUSTOMERS, BUSINESS_ID, "businessId");

        technical(RegisterTable.CONTACTS, "contactId", "customerId", "emailKey", "createdAt", "updatedAt",
                "restrictedAt", "restrictionRequestId", "version");
        personal(RegisterTable.CONTACTS, CUSTOMER_PEOPLE, "name", "phone", "roles", "source", "objectedAt",
                "objectionRequestId");
        personal(RegisterTable.CONTACTS, EMAIL_ADDRESSES, "email");

        technical(RegisterTable.HISTORY, "customerId", "entryKey", "entryId", "contactId", "recordedBy", "createdAt");
        personal(RegisterTable.HISTORY, CUSTOMER_HISTORY, "occurredAt", "channel", "summary", "source");

        technical(RegisterTable.CREDENTIALS, "contactId");
        personal(RegisterTable.CREDENTIALS, AUTHENTICATION, "service", "username", "lastSignInAt");

        technical(RegisterTable.AUDIT, "day", "tsId", "requestId");
        // the hash chain and its anchors (decision 0012): positions, ids and hashes
        technical(RegisterTable.AUDIT, "chainId", "seq", "prevEntryId", "prevHash", "hash", "entryId", "writtenAt");
        personal(RegisterTable.AUDIT, AUDIT_TRAIL, "targetId", "targetType", "action", "actorId", "actorGroup",
                "processorId", "purpose", "route", "occurredAt", "details");

        technical(RegisterTable.REQUESTS, "requestId", "emailKey", "tokenHash", "tokenExpiresAt", "version",
                RequestItem.SPENT_TOKEN_HASH);
        personal(RegisterTable.REQUESTS, DATA_SUBJECT_REQUESTS, "type", "status", "channel", "receivedAt",
                "originalDueAt", "dueAt", "extensionMonths", "extensionReason", "extendedAt", "name", "details",
                "language", "verifiedAt", "events", "intake", RequestItem.DUPLICATE_OF, RequestItem.REMINDED_AT,
                RequestItem.MINIMISED_AT, RequestItem.OUTCOME,
                // what staff hold back from an access copy, with their reason (art. 15(4); decision 0018)
                RequestItem.REDACTIONS,
                // the peppered hash of the address a minimised request keeps (issue 11), like Suppression's
                RequestItem.ADDRESS_HASH);
        personal(RegisterTable.REQUESTS, EMAIL_ADDRESSES, "email");

        personal(RegisterTable.SUPPRESSION, MARKETING_OBJECTIONS, "emailHash", "since", "requestId");

        // the erasure ledger (decision 0017): ids of what an erasure removed; the time and the peppered hash of
        // the address (pseudonymous, as Suppression's) tie it to the person
        technical(RegisterTable.ERASURE_LEDGER, ErasureLedger.REQUEST_ID, ErasureLedger.CONTACT_IDS,
                ErasureLedger.HISTORY_ENTRIES, ErasureLedger.CREDENTIALS, ErasureLedger.HELD_CONTACT_IDS,
                ErasureLedger.RESTRICTED_CUSTOMER_IDS, ErasureLedger.MINIMISED_REQUEST_IDS, ErasureLedger.EXPIRES_AT);
        personal(RegisterTable.ERASURE_LEDGER, DATA_SUBJECT_REQUESTS, ErasureLedger.ERASED_AT,
                ErasureLedger.ADDRESS_HASH);

        // the Jobs table holds checkpoints only (days, run ids, counts): technical as a whole, see isDeclared

        // Purposes (seed §4) each personal attribute serves; a processor is shown an attribute only when
        // one of its contract's purposes is among them (GDPR art. 5(1)(b)-(c), 28(3)(a); decision 0011).
        // The organisation's name identifies the customer for every purpose that concerns it.
        serves(RegisterTable.CUSTOMERS, Set.of(BILLING, TECHNICAL_SUPPORT, ADMINISTRATION, CUSTOMER_RELATIONSHIP,
                FAULT_NOTICES, DIRECT_MARKETING), "name");
        serves(RegisterTable.CUSTOMERS, Set.of(BILLING, ADMINISTRATION), "businessId");
        serves(RegisterTable.CUSTOMERS, Set.of(BILLING, ADMINISTRATION, CUSTOMER_RELATIONSHIP), "email");
        serves(RegisterTable.CUSTOMERS, Set.of(TECHNICAL_SUPPORT, ADMINISTRATION, CUSTOMER_RELATIONSHIP), "phone");
        serves(RegisterTable.CUSTOMERS, Set.of(BILLING, CUSTOMER_RELATIONSHIP), "street", "postalCode", "city",
                "country");
        serves(RegisterTable.CUSTOMERS, Set.of(BILLING), "eInvoiceAddress");
        serves(RegisterTable.CUSTOMERS, Set.of(DIRECT_MARKETING), "marketingOptOut");
        // a person is kept for the customer relationship and its marketing, and for what their roles are for
        servesByRoles(RegisterTable.CONTACTS, Set.of(CUSTOMER_RELATIONSHIP, DIRECT_MARKETING), "name", "email",
                "phone", "roles");
        serves(RegisterTable.CONTACTS, Set.of(ADMINISTRATION, CUSTOMER_RELATIONSHIP), "source");
        serves(RegisterTable.CONTACTS, Set.of(DIRECT_MARKETING, ADMINISTRATION), "objectedAt", "objectionRequestId");
        serves(RegisterTable.HISTORY, Set.of(TECHNICAL_SUPPORT, CUSTOMER_RELATIONSHIP), "occurredAt", "channel",
                "summary", "source");
        serves(RegisterTable.CREDENTIALS, Set.of(SERVICE_DEVELOPMENT, TECHNICAL_SUPPORT), "service", "username",
                "lastSignInAt");
        serves(RegisterTable.AUDIT, Set.of(ADMINISTRATION), "targetId", "targetType", "action", "actorId",
                "actorGroup", "processorId", "purpose", "route", "occurredAt", "details");
        serves(RegisterTable.REQUESTS, Set.of(ADMINISTRATION), "type", "status", "channel", "receivedAt",
                "originalDueAt", "dueAt", "extensionMonths", "extensionReason", "extendedAt", "name", "details",
                "language", "verifiedAt", "events", "intake", "email", RequestItem.DUPLICATE_OF, RequestItem.REMINDED_AT,
                RequestItem.MINIMISED_AT, RequestItem.OUTCOME, RequestItem.ADDRESS_HASH, RequestItem.REDACTIONS);
        serves(RegisterTable.SUPPRESSION, Set.of(DIRECT_MARKETING, ADMINISTRATION), "emailHash", "since",
                "requestId");
        serves(RegisterTable.ERASURE_LEDGER, Set.of(ADMINISTRATION), ErasureLedger.ERASED_AT, ErasureLedger.ADDRESS_HASH);
    }

    private StoredAttributes() {
    }

    private static void technical(RegisterTable table, String... attributes) {
        for (String a : attributes) {
            ALL.add(new Declaration(table, a, Optional.empty(), Set.of(), false));
        }
    }

    private static void personal(RegisterTable table, PersonalDataCategory category, String... attributes) {
        for (String a : attributes) {
            ALL.add(new Declaration(table, a, Optional.of(category), Set.of(), false));
        }
    }

    private static void serves(RegisterTable table, Set<Purpose> purposes, String... attributes) {
        tag(table, purposes, false, attributes);
    }

    private static void servesByRoles(RegisterTable table, Set<Purpose> purposes, String... attributes) {
        tag(table, purposes, true, attributes);
    }

    /** Gives declared personal attributes their purposes; tagging an undeclared or technical one is a mistake here. */
    private static void tag(RegisterTable table, Set<Purpose> purposes, boolean byRoles, String... attributes) {
        for (String a : attributes) {
            int at = -1;
            for (int i = 0; i < ALL.size(); i++) {
                if (ALL.get(i).table() == table && ALL.get(i).attribute().equals(a)) {
                    at = i;
                }
            }
            if (at < 0 || ALL.get(at).technical()) {
                throw new IllegalStateException(table + "." + a + " is not a declared personal attribute");
            }
            Declaration d = ALL.get(at);
            ALL.set(at, new Declaration(table, a, d.category(), purposes, byRoles));
        }
    }

    public static List<Declaration> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Tables that hold no personal data by design, so every attribute of theirs is technical. */
    public static final Set<RegisterTable> TECHNICAL_TABLES = Set.of(RegisterTable.JOBS);

    public static boolean isDeclared(RegisterTable table, String attribute) {
        return TECHNICAL_TABLES.contains(table) || of(table, attribute).isPresent();
    }

    public static Optional<Declaration> of(RegisterTable table, String attribute) {
        return ALL.stream().filter(d -> d.table() == table && d.attribute().equals(attribute)).findFirst();
    }

    /** The personal-data attributes of each category, by table, in declaration order. */
    public static Map<PersonalDataCategory, Map<RegisterTable, List<String>>> byCategory() {
        Map<PersonalDataCategory, Map<RegisterTable, List<String>>> result = new EnumMap<>(PersonalDataCategory.class);
        for (Declaration d : ALL) {
            d.category().ifPresent(c -> result.computeIfAbsent(c, k -> new LinkedHashMap<>())
                    .computeIfAbsent(d.table(), k -> new ArrayList<>()).add(d.attribute()));
        }
        return result;
    }

    /** Every purpose some personal attribute of the table may serve. */
    public static Set<Purpose> purposesOf(RegisterTable table) {
        Set<Purpose> all = EnumSet.noneOf(Purpose.class);
        ALL.stream().filter(d -> d.table() == table).forEach(d -> all.addAll(d.anyPurposes()));
        return all;
    }

    /** The tables that hold data of a category. */
    public static Set<RegisterTable> tablesOf(PersonalDataCategory category) {
        return byCategory().getOrDefault(category, Map.of()).keySet();
    }
}
