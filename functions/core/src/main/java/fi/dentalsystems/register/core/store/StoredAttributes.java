package fi.dentalsystems.register.core.store;

import fi.dentalsystems.register.core.domain.PersonalDataCategory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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

/**
 * What every stored attribute is: one declaration per (table, attribute), either a category
 * of personal data the privacy notice declares (seed §5) or technical (keys, versions, purge
 * clocks, holds, timestamps of the record itself). The notice's data-content section and the
 * record of processing (GDPR art. 30) are generated from here; {@code StoredAttributesTest}
 * reads every item schema and the template and fails on an attribute not declared here.
 */
public final class StoredAttributes {
    /** One stored attribute: its table, name, and category (empty: technical). */
    public record Declaration(RegisterTable table, String attribute, Optional<PersonalDataCategory> category) {
        public boolean technical() {
            return category.isEmpty();
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

        technical(RegisterTable.CUSTOMERS, "customerId", "recordType", "claimedBy", "nameKey", "status", "endedAt",
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
        personal(RegisterTable.AUDIT, AUDIT_TRAIL, "targetId", "targetType", "action", "actorId", "actorGroup",
                "purpose", "route", "occurredAt", "details");

        technical(RegisterTable.REQUESTS, "requestId", "emailKey", "tokenHash", "tokenExpiresAt", "version",
                RequestItem.SPENT_TOKEN_HASH);
        personal(RegisterTable.REQUESTS, DATA_SUBJECT_REQUESTS, "type", "status", "channel", "receivedAt",
                "originalDueAt", "dueAt", "extensionMonths", "extensionReason", "extendedAt", "name", "details",
                "language", "verifiedAt", "events", "intake", RequestItem.DUPLICATE_OF, RequestItem.REMINDED_AT,
                RequestItem.MINIMISED_AT, RequestItem.OUTCOME,
                // the peppered hash of the address a minimised request keeps (issue 11), like Suppression's
                RequestItem.ADDRESS_HASH);
        personal(RegisterTable.REQUESTS, EMAIL_ADDRESSES, "email");

        personal(RegisterTable.SUPPRESSION, MARKETING_OBJECTIONS, "emailHash", "since", "requestId");

        // the Jobs table holds checkpoints only (days, run ids, counts): technical as a whole, see isDeclared
    }

    private StoredAttributes() {
    }

    private static void technical(RegisterTable table, String... attributes) {
        for (String a : attributes) {
            ALL.add(new Declaration(table, a, Optional.empty()));
        }
    }

    private static void personal(RegisterTable table, PersonalDataCategory category, String... attributes) {
        for (String a : attributes) {
            ALL.add(new Declaration(table, a, Optional.of(category)));
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

    /** The tables that hold data of a category. */
    public static Set<RegisterTable> tablesOf(PersonalDataCategory category) {
        return byCategory().getOrDefault(category, Map.of()).keySet();
    }
}
