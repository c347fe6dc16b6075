package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Redaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The person's copy with redactions applied (art. 15(4), decision 0018): pure logic over the export's shape. */
class RedactedCopyTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private static Map<String, Object> export() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schemaVersion", "3");
        e.put("transfers", "none");
        e.put("categories", List.of(
                category("contacts", Map.of("contactId", "con_1", "name", "Anna")),
                category("customerHistory",
                        Map.of("entryId", "his_1", "summary", "Anna called. Bertta was ill. Bertta was ill."),
                        Map.of("entryId", "his_2", "summary", "Anna met Cecilia")),
                category("credentials", Map.of("service", "portal")),
                category("organisations", Map.of("customerId", "cus_1", "name", "Anna Oy")),
                category("requests", Map.of("requestId", "req_1", "type", "ACCESS"))));
        return e;
    }

    @SafeVarargs
    private static Map<String, Object> category(String id, Map<String, Object>... items) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("items", List.of(items));
        return c;
    }

    private static Redaction withhold(String itemId) {
        return new Redaction("rdn_" + itemId, itemId, Optional.empty(), "reason", "staff", AT);
    }

    private static Redaction passage(String itemId, String passage) {
        return new Redaction("rdn_p" + itemId, itemId, Optional.of(passage), "reason", "staff", AT);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> export, int category) {
        return (List<Map<String, Object>>) ((Map<String, Object>) ((List<Object>) export.get("categories"))
                .get(category)).get("items");
    }

    @Test
    void noRedactionsLeaveTheExportAsItIs() {
        Map<String, Object> export = export();
        assertThat(RedactedCopy.apply(export, List.of(), Language.EN)).isSameAs(export);
    }

    @Test
    void aWithheldItemIsLeftOutOfItsCategoryAndTheOthersStay() {
        for (String id : List.of("con_1", "his_2", "cus_1")) {
            Map<String, Object> copy = RedactedCopy.apply(export(), List.of(withhold(id)), Language.EN);
            assertThat(copy.toString()).doesNotContain(id + ",").doesNotContain(id + "}");
            assertThat(copy.get(RedactedCopy.WITHHELD)).isEqualTo(RedactedCopy.sentence(Language.EN));
        }
        Map<String, Object> copy = RedactedCopy.apply(export(), List.of(withhold("his_2")), Language.EN);
        assertThat(items(copy, 1)).extracting(i -> i.get("entryId")).containsExactly("his_1");
        assertThat(items(copy, 0)).hasSize(1);
        assertThat(items(copy, 3)).hasSize(1);
        assertThat(items(export(), 1)).as("the export it was made from is untouched").hasSize(2);
    }

    @Test
    void everyOccurrenceOfAPassageIsReplacedByTheMarkerInTheRequestersLanguage() {
        Map<String, Object> en = RedactedCopy.apply(export(), List.of(passage("his_1", "Bertta was ill")), Language.EN);
        assertThat(items(en, 1).get(0).get("summary")).isEqualTo("Anna called. [withheld]. [withheld].");
        assertThat(items(en, 1).get(0).get("entryId")).isEqualTo("his_1");
        assertThat(items(en, 1).get(1).get("summary")).isEqualTo("Anna met Cecilia");
        Map<String, Object> fi = RedactedCopy.apply(export(), List.of(passage("his_1", "Bertta was ill")), Language.FI);
        assertThat(items(fi, 1).get(0).get("summary")).isEqualTo("Anna called. [poistettu]. [poistettu].");
        assertThat(fi.get(RedactedCopy.WITHHELD)).asString().startsWith("Osa tiedoista on jätetty pois");
        Map<String, Object> sv = RedactedCopy.apply(export(), List.of(passage("his_1", "Bertta was ill")), Language.SV);
        assertThat(sv.get(RedactedCopy.WITHHELD)).as("Swedish readers get the English page")
                .isEqualTo(RedactedCopy.sentence(Language.EN));
    }

    @Test
    void twoPassagesOfOneEntryAreBothReplacedAndAWithholdingBeatsThem() {
        Map<String, Object> both = RedactedCopy.apply(export(), List.of(passage("his_1", "Anna called"),
                passage("his_1", "Bertta was ill")), Language.EN);
        assertThat(items(both, 1).get(0).get("summary")).isEqualTo("[withheld]. [withheld]. [withheld].");
        Map<String, Object> gone = RedactedCopy.apply(export(), List.of(passage("his_1", "Anna called"),
                withhold("his_1")), Language.EN);
        assertThat(items(gone, 1)).extracting(i -> i.get("entryId")).containsExactly("his_2");
    }

    @Test
    void theSentenceComesBeforeTheCategoriesOnceAndTheRestOfTheExportKeepsItsOrder() {
        Map<String, Object> copy = RedactedCopy.apply(export(), List.of(withhold("con_1"), withhold("his_1"),
                passage("his_2", "Cecilia")), Language.EN);
        assertThat(copy.keySet()).containsExactly("schemaVersion", "transfers", RedactedCopy.WITHHELD, "categories");
        assertThat(copy.get(RedactedCopy.WITHHELD)).asString().contains("15(4)").doesNotContain("3")
                .doesNotContain("reason");
    }

    @Test
    void aRedactionThatMeetsNothingWithholdsNothingAndSaysNothing() {
        Map<String, Object> export = export();
        assertThat(RedactedCopy.apply(export, List.of(withhold("his_9"), passage("his_2", "not there"),
                withhold("req_1"), withhold("portal")), Language.EN)).isSameAs(export);
    }

    @Test
    void onlyContactsHistoryEntriesAndOrganisationsAreItemsToWithhold() {
        Map<String, Object> export = export();
        assertThat(RedactedCopy.item(export, "con_1")).hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo("contacts"));
        assertThat(RedactedCopy.item(export, "his_2")).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo("customerHistory");
            assertThat(e.getValue().get("summary")).isEqualTo("Anna met Cecilia");
        });
        assertThat(RedactedCopy.item(export, "cus_1")).hasValueSatisfying(e -> assertThat(e.getKey())
                .isEqualTo("organisations"));
        assertThat(RedactedCopy.item(export, "req_1")).isEmpty();
        assertThat(RedactedCopy.item(export, "portal")).isEmpty();
        assertThat(RedactedCopy.item(export, "his_9")).isEmpty();
    }

    @Test
    void theMarkersAndSentencesDifferByLanguage() {
        assertThat(RedactedCopy.marker(Language.FI)).isEqualTo("[poistettu]");
        assertThat(RedactedCopy.marker(Language.EN)).isEqualTo("[withheld]");
        assertThat(RedactedCopy.marker(Language.SV)).isEqualTo("[withheld]");
        assertThat(RedactedCopy.sentence(Language.FI)).contains("15 artiklan 4 kohta").contains("tietosuojavaltuutetun");
        assertThat(RedactedCopy.sentence(Language.EN)).contains("Article 15(4)").contains("Data Protection Ombudsman");
    }
}
