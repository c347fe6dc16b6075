package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.Redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The person's copy with staff's redactions applied (GDPR art. 15(4); decision 0018): a withheld
 * item is left out, a redacted passage of a history summary is replaced by a marker, and the copy
 * says once, in the requester's language, that some information was withheld to protect others.
 * The sentence is the same whatever was withheld and however much: no reason, no item id, no count.
 * A redaction whose item is gone meanwhile withholds nothing and says nothing.
 */
public final class RedactedCopy {
    /** The export field that carries the sentence (schema version 3). */
    public static final String WITHHELD = "withheld";

    /** The categories whose items staff may withhold, each with the field that names an item. */
    static final Map<String, String> ITEM_IDS = Map.of("contacts", "contactId", "customerHistory", "entryId",
            "organisations", "customerId");
    /** The only category with a passage to redact: a history entry's summary. */
    static final String HISTORY = "customerHistory";
    static final String SUMMARY = "summary";

    private RedactedCopy() {
    }

    /**
     * The sentence, in Finnish or English by the request's language (the page is in one of the two;
     * Swedish readers get English, as the page explains in their mail). Art. 12(4): they may ask, or complain.
     */
    public static String sentence(Language language) {
        return language == Language.FI
                ? "Osa tiedoista on jätetty pois tästä kopiosta muiden henkilöiden oikeuksien ja vapauksien "
                + "suojaamiseksi (EU:n yleinen tietosuoja-asetus, 15 artiklan 4 kohta). Voit kysyä asiasta "
                + "rekisterinpitäjän yhteyshenkilöltä tai tehdä valituksen tietosuojavaltuutetun toimistolle."
                : "Some information has been withheld from this copy to protect the rights and freedoms of other "
                + "people (GDPR Article 15(4)). You may ask the controller's contact person about it or lodge a "
                + "complaint with the supervisory authority (the Office of the Data Protection Ombudsman).";
    }

    /** What stands where a passage was taken out. */
    public static String marker(Language language) {
        return language == Language.FI ? "[poistettu]" : "[withheld]";
    }

    /** The export with the redactions applied; unchanged when none of them meets anything in it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> export, List<Redaction> redactions, Language language) {
        if (redactions.isEmpty()) {
            return export;
        }
        boolean withheld = false;
        List<Object> categories = new ArrayList<>();
        for (Object c : (List<Object>) export.get("categories")) {
            Map<String, Object> category = new LinkedHashMap<>((Map<String, Object>) c);
            String idField = ITEM_IDS.get(String.valueOf(category.get("id")));
            if (idField != null) {
                List<Object> items = new ArrayList<>();
                for (Object i : (List<Object>) category.get("items")) {
                    Map<String, Object> item = (Map<String, Object>) i;
                    String id = String.valueOf(item.get(idField));
                    List<Redaction> mine = redactions.stream().filter(r -> r.itemId().equals(id)).toList();
                    if (mine.isEmpty()) {
                        items.add(item);
                    } else if (mine.stream().anyMatch(Redaction::withholdsItem)) {
                        withheld = true;
                    } else {
                        Map<String, Object> copy = new LinkedHashMap<>(item);
                        String summary = String.valueOf(copy.get(SUMMARY));
                        for (Redaction r : mine) {
                            String passage = r.passage().orElseThrow();
                            if (summary.contains(passage)) {
                                summary = summary.replace(passage, marker(language));
                                withheld = true;
                            }
                        }
                        copy.put(SUMMARY, summary);
                        items.add(copy);
                    }
                }
                category.put("items", items);
            }
            categories.add(category);
        }
        if (!withheld) {
            return export;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        export.forEach((k, v) -> {
            if (k.equals("categories")) {
                copy.put(WITHHELD, sentence(language));
            }
            copy.put(k, k.equals("categories") ? categories : v);
        });
        return copy;
    }

    /**
     * The item an id names in a (whole) export, with its category id: what staff may withhold.
     * Only contacts, history entries and organisations are items of their own; the person's own
     * requests and sign-in metadata concern nobody else.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map.Entry<String, Map<String, Object>>> item(Map<String, Object> export, String itemId) {
        for (Object c : (List<Object>) export.get("categories")) {
            Map<String, Object> category = (Map<String, Object>) c;
            String categoryId = String.valueOf(category.get("id"));
            String idField = ITEM_IDS.get(categoryId);
            if (idField == null) {
                continue;
            }
            for (Object i : (List<Object>) category.get("items")) {
                Map<String, Object> item = (Map<String, Object>) i;
                if (itemId.equals(item.get(idField))) {
                    return Optional.of(Map.entry(categoryId, item));
                }
            }
        }
        return Optional.empty();
    }
}
