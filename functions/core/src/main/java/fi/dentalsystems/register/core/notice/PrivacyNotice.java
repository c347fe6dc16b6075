package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.retention.ClockStart;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionRule;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;

import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The register's privacy notice (seed §1–12, GDPR art. 13–14) as content: numbered sections
 * of paragraphs, lists, tables and links, in one language. Every fact comes from the
 * {@link RegisterDescription}, {@link Purpose}, {@link DataSource}, the stored-attribute
 * declarations and the retention policy the purge runs with; the words from {@link NoticeTexts}.
 * The JSON answer is this content as it is; the HTML page renders the same content.
 */
public final class PrivacyNotice {
    private final RegisterDescription register;

    public PrivacyNotice(RegisterDescription register) {
        this.register = register;
    }

    /** The whole notice in one language: {@code language, title, lead, sections[]}. */
    public Map<String, Object> content(Language language) {
        NoticeTexts t = NoticeTexts.of(language);
        Controller c = register.controller();
        String registerName = t.get("register", Map.of("controller", c.name()));
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("language", language.code());
        notice.put("title", t.get("title", Map.of("register", registerName)));
        notice.put("lead", t.get("lead", Map.of("controller", c.name())));
        List<Map<String, Object>> sections = new ArrayList<>();
        sections.add(section(t, 1, "controller", definitions(
                term(t.get("label.name"), c.name()), term(t.get("label.address"), c.postalAddress()),
                term(t.get("label.phone"), c.phone()), term(t.get("label.email"), c.email()),
                term(t.get("label.businessId"), c.businessId()))));
        ContactPerson p = register.contactPerson();
        sections.add(section(t, 2, "contact-person", definitions(
                term(t.get("label.name"), p.name()), term(t.get("label.email"), p.email()),
                term(t.get("label.phone"), p.phone()))));
        sections.add(section(t, 3, "register-name", paragraph(registerName)));
        sections.add(section(t, 4, "purposes", paragraph(t.get("purposes.lead")), purposes(t)));
        sections.add(section(t, 5, "data-content", paragraph(t.get("content.lead")), dataContent(t),
                paragraph(t.get("retention.lead")), retention(t)));
        List<String> sources = new ArrayList<>();
        for (DataSource s : DataSource.values()) {
            sources.add(t.get("source." + s.name()));
        }
        sources.add(t.get("sources.self"));
        sections.add(section(t, 6, "sources", paragraph(t.get("sources.lead")), list(sources)));
        sections.add(section(t, 7, "disclosures", paragraph(t.get("disclosures.none")), recipients(t)));
        sections.add(section(t, 8, "transfers", paragraph(t.get("transfers.none")),
                paragraph(t.get("transfers.region", Map.of("region", register.region())))));
        List<String> security = new ArrayList<>();
        for (int i = 1; t.keys().contains("security." + i); i++) {
            security.add(t.get("security." + i));
        }
        sections.add(section(t, 9, "security", list(security)));
        sections.add(section(t, 10, "access", paragraph(t.get("access.text")), how(t)));
        sections.add(section(t, 11, "rectification", paragraph(t.get("rectification.text")), how(t)));
        sections.add(section(t, 12, "other-rights", paragraph(t.get("other.objection")),
                paragraph(t.get("other.erasure")), paragraph(t.get("other.restriction")), how(t)));
        sections.add(section(t, 13, "complaint", paragraph(t.get("complaint.text"))));
        notice.put("sections", sections);
        notice.put("links", List.of(link(t.get("link.form"), register.formUrl() + "?lang=" + language.code())));
        return notice;
    }

    private Map<String, Object> purposes(NoticeTexts t) {
        List<List<String>> rows = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            rows.add(List.of(t.get("purpose." + purpose.code()),
                    t.get("basis." + purpose.basis().name(), Map.of("article", purpose.basis().article()))));
        }
        return table(List.of(t.get("purposes.head.purpose"), t.get("purposes.head.basis")), rows);
    }

    private static Map<String, Object> dataContent(NoticeTexts t) {
        Map<PersonalDataCategory, Map<RegisterTable, List<String>>> declared = StoredAttributes.byCategory();
        List<List<String>> rows = new ArrayList<>();
        for (PersonalDataCategory category : PersonalDataCategory.values()) {
            Set<String> fields = new LinkedHashSet<>();
            declared.getOrDefault(category, Map.of()).values().forEach(attributes ->
                    attributes.forEach(a -> fields.add(t.get("field." + a))));
            rows.add(List.of(t.get("category." + category.name()), String.join(", ", fields)));
        }
        return table(List.of(t.get("content.head.category"), t.get("content.head.fields")), rows);
    }

    private Map<String, Object> retention(NoticeTexts t) {
        List<List<String>> rows = new ArrayList<>();
        register.retention().rules().stream().sorted(Comparator.comparing(RetentionRule::category))
                .forEach(rule -> rows.add(List.of(t.get("retention." + rule.category().name()), kept(t, rule),
                        t.get("reason." + rule.category().name()))));
        return table(List.of(t.get("retention.head.data"), t.get("retention.head.kept"),
                t.get("retention.head.reason")), rows);
    }

    /** "24 months from when the customer relationship ended", in the reader's language, from the rule. */
    static String kept(NoticeTexts t, RetentionRule rule) {
        if (rule.clockStart() == ClockStart.NEVER) {
            return t.get("kept.never");
        }
        String period = period(t, rule.period());
        return rule.toEndOfYear()
                ? t.get("kept.yearEnd", Map.of("period", period, "start", t.get("start.year." + rule.clockStart().name())))
                : t.get("kept.period", Map.of("period", period, "start", t.get("start." + rule.clockStart().name())));
    }

    private static String period(NoticeTexts t, Period period) {
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(t.get("unit.years", Map.of("n", Integer.toString(period.getYears()))));
        }
        if (period.getMonths() > 0) {
            parts.add(t.get("unit.months", Map.of("n", Integer.toString(period.getMonths()))));
        }
        if (period.getDays() > 0) {
            parts.add(t.get("unit.days", Map.of("n", Integer.toString(period.getDays()))));
        }
        return String.join(" ", parts);
    }

    /**
     * The processors as recipients (GDPR art. 13(1)(e)), from the processor register: each with the
     * purposes its contract covers and the kinds of data those purposes let it see (StoredAttributes).
     */
    private Map<String, Object> recipients(NoticeTexts t) {
        if (register.processors().isEmpty()) {
            return paragraph(t.get("recipients.none"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Processor processor : register.processors()) {
            List<String> purposes = processor.purposes().stream().sorted()
                    .map(p -> t.get("purpose." + p.code())).toList();
            List<String> data = Disclosure.forPurposes(processor.purposes()).categoriesShown().stream()
                    .map(c -> t.get("datum." + c.name())).toList();
            rows.add(List.of(processor.name(), String.join(", ", purposes), String.join(", ", data)));
        }
        return ordered("paragraph", t.get("recipients.lead"), "table", ordered("head",
                List.of(t.get("recipients.head.name"), t.get("recipients.head.purposes"), t.get("recipients.head.data")),
                "rows", rows));
    }

    private Map<String, Object> how(NoticeTexts t) {
        Controller c = register.controller();
        return ordered("paragraph", t.get("how.lead"), "links", List.of(
                link(t.get("how.form"), register.formUrl() + "?lang=" + t.language().code()),
                link(t.get("how.email", Map.of("address", register.intakeAddress())), "mailto:" + register.intakeAddress()),
                Map.of("text", t.get("how.letter", Map.of("controller", c.name(), "address", c.postalAddress())))));
    }

    /** Which retention rows the notice shows; used by tests to compare with the policy. */
    public List<DataCategory> retentionCategories() {
        return register.retention().rules().stream().map(RetentionRule::category).sorted().toList();
    }

    private static Map<String, Object> section(NoticeTexts t, int number, String id, Map<?, ?>... blocks) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("number", number);
        s.put("id", id);
        s.put("title", t.get("section." + number));
        s.put("content", List.of(blocks));
        return s;
    }

    private static Map<String, Object> paragraph(String text) {
        return Map.of("paragraph", text);
    }

    private static Map<String, Object> list(List<String> items) {
        return Map.of("list", List.copyOf(items));
    }

    private static Map<String, Object> table(List<String> head, List<List<String>> rows) {
        return Map.of("table", ordered("head", head, "rows", rows));
    }

    private static Map<String, Object> term(String term, String value) {
        return ordered("term", term, "value", value);
    }

    @SafeVarargs
    private static Map<String, Object> definitions(Map<String, Object>... terms) {
        return Map.of("definitions", List.of(terms));
    }

    private static Map<String, Object> link(String text, String href) {
        return ordered("text", text, "href", href);
    }

    /** A JSON object whose fields keep their order, so the same notice is the same bytes. */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
