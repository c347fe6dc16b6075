package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.PersonalDataCategory;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.retention.RetentionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivacyNoticeTest {
    /** Made-up configuration: the test shows the notice says what it is given, not the seed's words. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("CONTROLLER_NAME", "Esimerkki Oy"), Map.entry("CONTROLLER_STREET_ADDRESS", "Testitie 3"),
            Map.entry("CONTROLLER_POSTAL_CODE", "33100"), Map.entry("CONTROLLER_CITY", "Tampere"),
            Map.entry("CONTROLLER_PHONE", "03 555 0101"), Map.entry("CONTROLLER_EMAIL", "info@esimerkki.example"),
            Map.entry("CONTROLLER_BUSINESS_ID", "0112038-9"), Map.entry("REGISTER_CONTACT_NAME", "Maija Meikäläinen"),
            Map.entry("REGISTER_CONTACT_EMAIL", "maija@esimerkki.example"), Map.entry("REGISTER_CONTACT_PHONE", "040 555 0102"),
            Map.entry("PUBLIC_BASE_URL", "https://tietosuoja.esimerkki.example"),
            Map.entry("INTAKE_ADDRESS", "tietosuoja@esimerkki.example"), Map.entry("AWS_REGION", "eu-north-1"));

    static RegisterDescription description() {
        return RegisterDescription.from(name -> Optional.ofNullable(VARIABLES.get(name)));
    }

    private static String text(Language language, RegisterDescription d) {
        return Json.write(new PrivacyNotice(d).content(language));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everySectionOfTheSeedIsThereWithTheComplaintRight(Language language) {
        Map<String, Object> notice = new PrivacyNotice(description()).content(language);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sections = (List<Map<String, Object>>) notice.get("sections");
        assertThat(sections).extracting(s -> s.get("number")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(sections).extracting(s -> s.get("id")).containsExactly("controller", "contact-person",
                "register-name", "purposes", "data-content", "sources", "disclosures", "transfers", "security",
                "access", "rectification", "other-rights", "complaint");
        sections.forEach(s -> assertThat((List<?>) s.get("content")).as("section %s", s.get("id")).isNotEmpty());
        String all = text(language, description());
        assertThat(all).contains("Esimerkki Oy", "Testitie 3, 33100 Tampere", "03 555 0101", "info@esimerkki.example",
                "0112038-9", "Maija Meikäläinen", "maija@esimerkki.example", "040 555 0102",
                "https://tietosuoja.esimerkki.example/form?lang=" + language.code(), "tietosuoja@esimerkki.example",
                "eu-north-1", "tietosuoja.fi");
        // the objection right under the GDPR, never the repealed Personal Data Act
        assertThat(all).contains("21").doesNotContain("30 §").doesNotContain("Henkilötietolai");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyPurposeIsListedWithItsLegalBasis(Language language) {
        NoticeTexts t = NoticeTexts.of(language);
        String all = text(language, description());
        for (Purpose p : Purpose.values()) {
            assertThat(all).contains(Json.write(t.get("purpose." + p.code())).replace("\"", ""))
                    .contains(p.basis().article());
        }
        for (DataSource s : DataSource.values()) {
            assertThat(all).contains(t.get("source." + s.name()));
        }
        for (PersonalDataCategory c : PersonalDataCategory.values()) {
            assertThat(all).contains(t.get("category." + c.name()));
        }
    }

    @Test
    void theRetentionTableIsThePolicyThePurgeRunsWith() {
        RetentionPolicy policy = description().retention();
        NoticeTexts t = NoticeTexts.of(Language.EN);
        String all = text(Language.EN, description());
        for (RetentionRule rule : policy.rules()) {
            assertThat(all).contains(PrivacyNotice.kept(t, rule));
        }
        assertThat(all).contains("24 months after it was stored")
                .contains("6 years from the end of the year in which the customer relationship ended");
    }

    @Test
    void aChangedRetentionRowChangesTheNotice() {
        List<RetentionRule> rules = new ArrayList<>(RetentionPolicy.defaults().rules());
        rules.replaceAll(r -> r.category() == DataCategory.HISTORY_ENTRY
                ? new RetentionRule(r.category(), r.clockStart(), Period.ofMonths(18), false, r.reason()) : r);
        RegisterDescription changed = description().withRetention(new RetentionPolicy(rules));
        String before = text(Language.FI, description());
        String after = text(Language.FI, changed);
        assertThat(before).contains("36 kuukautta siitä, kun kirjattu tapahtuma sattui")
                .doesNotContain("18 kuukautta");
        assertThat(after).contains("18 kuukautta siitä, kun kirjattu tapahtuma sattui")
                .doesNotContain("36 kuukautta siitä, kun kirjattu tapahtuma sattui");
    }

    @Test
    void aChangedControllerParameterChangesTheNotice() {
        Map<String, String> moved = new java.util.HashMap<>(VARIABLES);
        moved.put("CONTROLLER_STREET_ADDRESS", "Uusikatu 9");
        String after = text(Language.SV, RegisterDescription.from(name -> Optional.ofNullable(moved.get(name))));
        assertThat(after).contains("Uusikatu 9, 33100 Tampere").doesNotContain("Testitie 3");
    }

    static final Processor INVOICING = new Processor("billing", "Laskutuspalvelu Oy", "DPA-1", Set.of(Purpose.BILLING),
            Processor.Writes.NONE);

    @Test
    void processorsAreRecipientsAndNoneIsSaidOnlyWhenTrue() {
        String none = text(Language.EN, description());
        assertThat(none).contains("No service provider has access to the register at present.");
        String some = text(Language.EN, description().withProcessors(List.of(INVOICING)));
        assertThat(some).contains("[\"Laskutuspalvelu Oy\",\"Billing\",").doesNotContain("No service provider");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void eachRecipientIsListedWithItsPurposesAndTheDataTheyLetItSee(Language language) {
        NoticeTexts t = NoticeTexts.of(language);
        Processor helpdesk = new Processor("technical-support", "Tukipalvelu Oy", "DPA-2",
                Set.of(Purpose.TECHNICAL_SUPPORT, Purpose.FAULT_NOTICES), Processor.Writes.NONE);
        Map<String, Object> notice = new PrivacyNotice(description().withProcessors(List.of(INVOICING, helpdesk)))
                .content(language);
        @SuppressWarnings("unchecked")
        Map<String, Object> section = ((List<Map<String, Object>>) notice.get("sections")).get(6);
        String json = Json.write(section);
        // what billing's purpose lets it see: the organisation's details, addresses, business id and billing people
        assertThat(json).contains(Json.write(List.of("Laskutuspalvelu Oy", t.get("purpose.billing"),
                String.join(", ", t.get("datum.CUSTOMER_DETAILS"), t.get("datum.EMAIL_ADDRESSES"),
                        t.get("datum.BUSINESS_ID"), t.get("datum.CUSTOMER_PEOPLE")))));
        assertThat(json).contains(Json.write(List.of("Tukipalvelu Oy",
                t.get("purpose.technical-support") + ", " + t.get("purpose.fault-notices"),
                String.join(", ", t.get("datum.CUSTOMER_DETAILS"), t.get("datum.EMAIL_ADDRESSES"),
                        t.get("datum.CUSTOMER_HISTORY"), t.get("datum.CUSTOMER_PEOPLE"), t.get("datum.AUTHENTICATION")))));
        assertThat(json).doesNotContain(t.get("datum.DATA_SUBJECT_REQUESTS")).doesNotContain(t.get("datum.AUDIT_TRAIL"));
    }

    @Test
    void aMissingParameterIsNamedNotGuessed() {
        Map<String, String> partial = new java.util.HashMap<>(VARIABLES);
        partial.remove("REGISTER_CONTACT_PHONE");
        assertThatThrownBy(() -> RegisterDescription.from(name -> Optional.ofNullable(partial.get(name))))
                .hasMessage("REGISTER_CONTACT_PHONE is not set");
    }

    @Test
    void everyLanguageHasTheSameTexts() {
        Set<String> english = NoticeTexts.of(Language.EN).keys();
        assertThat(NoticeTexts.of(Language.FI).keys()).isEqualTo(english);
        assertThat(NoticeTexts.of(Language.SV).keys()).isEqualTo(english);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void thePageEscapesWhatItIsGiven(Language language) {
        Map<String, String> odd = new java.util.HashMap<>(VARIABLES);
        odd.put("CONTROLLER_NAME", "<b>Esimerkki & Co</b>");
        String html = PrivacyNoticeHtml.render(new PrivacyNotice(RegisterDescription.from(
                name -> Optional.ofNullable(odd.get(name)))).content(language));
        assertThat(html).contains("&lt;b&gt;Esimerkki &amp; Co&lt;/b&gt;").doesNotContain("<b>")
                .contains("<html lang=\"" + language.code() + "\"").contains("<h2 id=\"s13\">")
                .contains("<th scope=\"col\">").doesNotContain("<script");
    }

    @Test
    void theRecordOfProcessingHasEveryArticle30Item() {
        Map<String, Object> record = new RecordsOfProcessing(description().withProcessors(List.of(INVOICING))).content();
        assertThat(record).containsKeys("controller", "contactPerson", "purposes", "dataSubjects", "categories",
                "recipients", "transfers", "retention", "securityMeasures");
        assertThat((List<?>) record.get("purposes")).hasSize(Purpose.values().length);
        assertThat((List<?>) record.get("categories")).hasSize(PersonalDataCategory.values().length);
        assertThat((List<?>) record.get("retention")).hasSize(DataCategory.values().length);
        assertThat(Json.write(record)).contains("\"processor\":\"billing\"").contains("\"contract\":\"DPA-1\"")
                .contains("\"categories\":[\"CUSTOMER_DETAILS\",\"EMAIL_ADDRESSES\",\"BUSINESS_ID\",\"CUSTOMER_PEOPLE\"]")
                .contains("GDPR art. 6(1)(c)");
    }
}
