package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.retention.RetentionRule;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of processing activities (GDPR art. 30(1)) for the supervisory authority, generated
 * from the same declarations as the privacy notice: the controller and contact person, purposes
 * with their legal basis, categories of data subjects and of personal data (with the stored
 * attributes of each), recipients, transfers, retention and security measures. English, the
 * working language of the record; ids and codes, no personal data of anyone but the controller.
 */
public final class RecordsOfProcessing {
    private final RegisterDescription register;

    public RecordsOfProcessing(RegisterDescription register) {
        this.register = register;
    }

    public Map<String, Object> content() {
        NoticeTexts t = NoticeTexts.of(Language.EN);
        Map<String, Object> record = new LinkedHashMap<>();
        Controller c = register.controller();
        record.put("controller", Map.of("name", c.name(), "address", c.postalAddress(), "phone", c.phone(),
                "email", c.email(), "businessId", c.businessId()));
        ContactPerson p = register.contactPerson();
        record.put("contactPerson", Map.of("name", p.name(), "email", p.email(), "phone", p.phone()));
        record.put("register", t.get("register", Map.of("controller", c.name())));
        List<Map<String, Object>> purposes = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            purposes.add(Map.of("purpose", purpose.code(), "legalBasis", "GDPR art. " + purpose.basis().article(),
                    "basis", purpose.basis().name()));
        }
        record.put("purposes", purposes);
        record.put("dataSubjects", List.of("contact persons of customer organisations",
                "users of the services reported by customers or in contact with customer service",
                "persons responsible for the technical maintenance of the services",
                "sole traders who are customers", "persons who make data protection requests"));
        List<Map<String, Object>> categories = new ArrayList<>();
        Map<PersonalDataCategory, Map<RegisterTable, List<String>>> declared = StoredAttributes.byCategory();
        for (PersonalDataCategory category : PersonalDataCategory.values()) {
            Map<String, Object> stored = new LinkedHashMap<>();
            declared.getOrDefault(category, Map.of()).forEach((table, attributes) ->
                    stored.put(table.logicalId(), List.copyOf(attributes)));
            categories.add(Map.of("category", category.name(), "description", t.get("category." + category.name()),
                    "stored", stored));
        }
        record.put("categories", categories);
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (Processor processor : register.processors()) {
            // art. 30(1)(d): the recipients, with what their contracts let them see and write
            Map<String, Object> recipient = new LinkedHashMap<>();
            recipient.put("processor", processor.id());
            recipient.put("name", processor.name());
            recipient.put("contract", processor.contract());
            recipient.put("purposes", processor.purposes().stream().sorted().map(Purpose::code).toList());
            recipient.put("categories", Disclosure.forPurposes(processor.purposes()).categoriesShown().stream()
                    .map(Enum::name).toList());
            recipient.put("writes", processor.writes().words());
            recipients.add(recipient);
        }
        record.put("recipients", recipients);
        record.put("disclosures", "none");
        record.put("transfers", Map.of("outsideEea", "none", "region", register.region()));
        List<Map<String, Object>> retention = new ArrayList<>();
        register.retention().rules().stream().sorted(Comparator.comparing(RetentionRule::category)).forEach(rule ->
                retention.add(Map.of("data", rule.category().name(), "period", rule.period().toString(),
                        "from", rule.clockStart().name(), "toEndOfYear", rule.toEndOfYear(),
                        "reason", t.get("reason." + rule.category().name()))));
        record.put("retention", retention);
        List<String> security = new ArrayList<>();
        for (int i = 1; t.keys().contains("security." + i); i++) {
            security.add(t.get("security." + i));
        }
        record.put("securityMeasures", security);
        return record;
    }
}
