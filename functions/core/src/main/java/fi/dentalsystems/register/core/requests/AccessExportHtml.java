package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.format.ReadableTime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static fi.dentalsystems.register.core.format.Html.escape;

/**
 * The access export as a page a person can read, in Finnish or English by the request's language
 * (Swedish readers get English until a Swedish translation is reviewed; their mail says so): one
 * section per category with its purposes, source, retention and recipients in words, then the
 * records. The page carries the machine-readable JSON (art. 20) as a download link (a data: URI),
 * so one single-use link delivers both (decision 0006). The JSON stays in English codes: it is the
 * published schema, not prose.
 */
public final class AccessExportHtml {
    private AccessExportHtml() {
    }

    private record Words(String lang, String title, String intro, String purposes, String source, String retention,
                         String recipients, String none, String transfers, String transfersText, String empty,
                         String machineReadable, String download, String saveNote, String controller,
                         Map<String, String> categoryTitles, Map<String, String> categorySources,
                         Map<String, String> categoryReasons, Map<String, String> purposeNames,
                         Map<String, String> clockStarts, Map<String, String> fields, Map<String, String> values,
                         String months, String years, String days) {
    }

    private static final Words FI = new Words("fi", "Tietosi Dental-Systems Oy:n asiakasrekisterissä",
            "Tässä ovat kaikki tiedot, jotka rekisterissä on sähköpostiosoitteeseesi liittyen.", "Käyttötarkoitukset",
            "Lähde", "Säilytysaika", "Vastaanottajat", "ei luovutuksia", "Siirrot EU/ETA-alueen ulkopuolelle",
            "Henkilötietoja ei siirretä EU:n tai ETA:n ulkopuolelle (rekisteriselosteen kohta 8).", "Ei tietoja.",
            "Koneluettava kopio", "Lataa tiedot JSON-muodossa",
            "Linkki toimii vain kerran: tallenna tämä sivu ja JSON-tiedosto nyt.", "Rekisterinpitäjä",
            Map.of("contacts", "Yhteyshenkilötiedot asiakkaiden rekistereissä",
                    "customerHistory", "Sinua koskevat asiakashistorian merkinnät",
                    "credentials", "Kirjautumistiedot (ei koskaan salasanoja)",
                    "organisations", "Asiakasyritykset, joiden oma osoite on sinun",
                    "requests", "Tietosuojapyyntösi"),
            Map.of("contacts", "kirjattu kunkin tiedon kohdalle", "customerHistory", "kirjattu kunkin tiedon kohdalle",
                    "credentials", "käyttämäsi palvelut", "organisations", "asiakkaan antama", "requests", "sinä itse"),
            Map.of("contacts", "asiakassuhde", "customerHistory", "tuki ja asiakassuhde",
                    "credentials", "palveluihin kirjautuminen",
                    "organisations", "kirjanpitolaki (2:10): kuusi vuotta tilikauden päättymisestä",
                    "requests", "osoitusvelvollisuus (käsittelyn todentaminen)"),
            Map.of("customer-relationship", "asiakassuhteen hoito", "billing", "laskutus",
                    "technical-support", "tekninen tuki", "fault-notices", "vika- ja häiriötiedotteet",
                    "direct-marketing", "suoramarkkinointi", "service-development", "palvelujen tuottaminen ja kehittäminen",
                    "administration", "hallinnointi"),
            Map.of("WRITTEN", "tallentamisesta", "OCCURRED", "tapahtumasta", "RELATIONSHIP_ENDED",
                    "asiakassuhteen päättymisestä", "REQUEST_CLOSED", "pyynnön sulkemisesta", "LAST_USED",
                    "viimeisestä käytöstä", "NEVER", "niin kauan kuin peruste on voimassa"),
            Map.ofEntries(Map.entry("contactId", "Tunnus"), Map.entry("customer", "Asiakas"),
                    Map.entry("customerId", "Asiakastunnus"), Map.entry("name", "Nimi"),
                    Map.entry("email", "Sähköposti"), Map.entry("phone", "Puhelin"), Map.entry("roles", "Roolit"),
                    Map.entry("source", "Lähde"), Map.entry("marketing", "Suoramarkkinointi"),
                    Map.entry("objects", "Kielletty"), Map.entry("objectedAt", "Kielletty alkaen"),
                    Map.entry("createdAt", "Tallennettu"), Map.entry("entryId", "Tunnus"),
                    Map.entry("occurredAt", "Aika"), Map.entry("channel", "Kanava"), Map.entry("summary", "Sisältö"),
                    Map.entry("service", "Palvelu"), Map.entry("username", "Käyttäjätunnus"),
                    Map.entry("lastSignInAt", "Viimeisin kirjautuminen"), Map.entry("businessId", "Y-tunnus"),
                    Map.entry("requestId", "Pyynnön tunnus"), Map.entry("type", "Tyyppi"), Map.entry("status", "Tila"),
                    Map.entry("receivedAt", "Vastaanotettu"), Map.entry("events", "Tapahtumat"),
                    Map.entry("at", "Aika"), Map.entry("kind", "Tapahtuma")),
            Map.ofEntries(Map.entry("CUSTOMER", "asiakkaan antama"), Map.entry("PHONE", "puhelu"),
                    Map.entry("EMAIL", "sähköposti"), Map.entry("PUBLIC_REGISTER", "julkinen rekisteri"),
                    Map.entry("DECISION_MAKER", "päättäjä"), Map.entry("ADMINISTRATION", "hallinto"),
                    Map.entry("BILLING", "laskutus"), Map.entry("TECHNICAL", "tekninen yhteyshenkilö"),
                    Map.entry("USER", "käyttäjä"), Map.entry("MAINTAINER", "ylläpitäjä"),
                    Map.entry("SUPPORT_TICKET", "tukipyyntö"), Map.entry("MEETING", "tapaaminen"),
                    Map.entry("NOTE", "muistiinpano"), Map.entry("true", "kyllä"), Map.entry("false", "ei")),
            "kuukautta", "vuotta", "päivää");

    private static final Words EN = new Words("en", "Your data in the Dental-Systems Oy customer register",
            "This is everything the register holds linked to your email address.", "Purposes", "Source",
            "Retention", "Recipients", "none", "Transfers outside the EU/EEA",
            "Personal data is not transferred outside the EU or the EEA (privacy notice section 8).", "No data.",
            "Machine-readable copy", "Download your data as JSON",
            "The link works once: save this page and the JSON file now.", "Controller",
            Map.of("contacts", "Contact records in customers' registers",
                    "customerHistory", "Customer-history entries about you",
                    "credentials", "Sign-in metadata (never passwords)",
                    "organisations", "Customer organisations whose own address is yours",
                    "requests", "Your data protection requests"),
            Map.of("contacts", "as recorded on each item", "customerHistory", "as recorded on each item",
                    "credentials", "the services you use", "organisations", "given by the customer", "requests", "you"),
            Map.of("contacts", "customer relationship", "customerHistory", "support and customer relationship",
                    "credentials", "service access",
                    "organisations", "Accounting Act (2:10): six years from the end of the financial year",
                    "requests", "accountability (showing how requests were handled)"),
            Map.of("customer-relationship", "customer-relationship management", "billing", "billing",
                    "technical-support", "technical support", "fault-notices", "fault and outage notices",
                    "direct-marketing", "direct marketing", "service-development", "producing and developing the services",
                    "administration", "administration"),
            Map.of("WRITTEN", "from when it was stored", "OCCURRED", "from when it happened", "RELATIONSHIP_ENDED",
                    "from the end of the customer relationship", "REQUEST_CLOSED", "from when the request was closed",
                    "LAST_USED", "from the last use", "NEVER", "while the reason lasts"),
            Map.ofEntries(Map.entry("contactId", "Id"), Map.entry("customer", "Customer"),
                    Map.entry("customerId", "Customer id"), Map.entry("name", "Name"), Map.entry("email", "Email"),
                    Map.entry("phone", "Phone"), Map.entry("roles", "Roles"), Map.entry("source", "Source"),
                    Map.entry("marketing", "Direct marketing"), Map.entry("objects", "Objected"),
                    Map.entry("objectedAt", "Objected on"), Map.entry("createdAt", "Stored"),
                    Map.entry("entryId", "Id"), Map.entry("occurredAt", "When"), Map.entry("channel", "Channel"),
                    Map.entry("summary", "Summary"), Map.entry("service", "Service"),
                    Map.entry("username", "Username"), Map.entry("lastSignInAt", "Last sign-in"),
                    Map.entry("businessId", "Business id"), Map.entry("requestId", "Request id"),
                    Map.entry("type", "Type"), Map.entry("status", "Status"), Map.entry("receivedAt", "Received"),
                    Map.entry("events", "Events"), Map.entry("at", "When"), Map.entry("kind", "Event")),
            Map.ofEntries(Map.entry("CUSTOMER", "given by the customer"), Map.entry("PHONE", "phone call"),
                    Map.entry("EMAIL", "email"), Map.entry("PUBLIC_REGISTER", "public register"),
                    Map.entry("DECISION_MAKER", "decision maker"), Map.entry("ADMINISTRATION", "administration"),
                    Map.entry("BILLING", "billing"), Map.entry("TECHNICAL", "technical contact"),
                    Map.entry("USER", "user"), Map.entry("MAINTAINER", "maintainer"),
                    Map.entry("SUPPORT_TICKET", "support ticket"), Map.entry("MEETING", "meeting"),
                    Map.entry("NOTE", "note"), Map.entry("true", "yes"), Map.entry("false", "no")),
            "months", "years", "days");

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> export, Language language) {
        Words w = language == Language.FI ? FI : EN;
        // dates as the page's reader reads them, in Helsinki time; the JSON inside keeps ISO 8601 (issue 15)
        java.util.Locale dates = (language == Language.FI ? Language.FI : Language.EN).locale();
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"").append(escape(w.lang())).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\"><title>")
                .append(escape(w.title())).append("</title><style>")
                .append("body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1b1b1b}")
                .append("section{border-top:2px solid #ddd;margin-top:1.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}")
                .append("dt{font-weight:600}table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}")
                .append(".note{background:#fff7d6;padding:.5rem}")
                .append("</style></head><body><main>");
        html.append("<h1>").append(escape(w.title())).append("</h1><p>").append(escape(w.intro())).append("</p>");
        html.append("<p>").append(escape(String.valueOf(export.get("subjectAddress")))).append(" · ")
                .append(escape(String.valueOf(export.get("requestId")))).append(" · ")
                .append(escape(ReadableTime.readable(String.valueOf(export.get("producedAt")), dates))).append("</p>");
        // art. 15(4): that something was withheld, never what (decision 0018)
        Object withheld = export.get(RedactedCopy.WITHHELD);
        if (withheld != null) {
            html.append("<p class=\"note\" id=\"withheld\">").append(escape(String.valueOf(withheld))).append("</p>");
        }
        String json = Json.write(export);
        html.append("<section><h2>").append(escape(w.machineReadable())).append("</h2><p class=\"note\">")
                .append(escape(w.saveNote())).append("</p><p><a id=\"json-download\" download=\"")
                .append(escape("access-export-" + export.get("requestId") + ".json"))
                .append("\" type=\"application/json\" href=\"data:application/json;charset=utf-8;base64,")
                .append(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).append("\">")
                .append(escape(w.download())).append("</a></p></section>");
        for (Object c : (List<Object>) export.get("categories")) {
            Map<String, Object> category = (Map<String, Object>) c;
            String id = String.valueOf(category.get("id"));
            Map<String, Object> retention = (Map<String, Object>) category.get("retention");
            String purposes = ((List<String>) category.get("purposes")).stream()
                    .map(p -> w.purposeNames().getOrDefault(p, p)).collect(Collectors.joining(", "));
            html.append("<section><h2>").append(escape(w.categoryTitles().getOrDefault(id, String.valueOf(category.get("title")))))
                    .append("</h2><dl>")
                    .append("<dt>").append(escape(w.purposes())).append("</dt><dd>").append(escape(purposes)).append("</dd>")
                    .append("<dt>").append(escape(w.source())).append("</dt><dd>")
                    .append(escape(w.categorySources().getOrDefault(id, String.valueOf(category.get("source")))))
                    .append("</dd><dt>").append(escape(w.retention())).append("</dt><dd>")
                    .append(escape(retentionText(w, id, retention)))
                    .append("</dd><dt>").append(escape(w.recipients())).append("</dt><dd>")
                    .append(escape(recipientsText(w, (List<Object>) category.get("recipients"))))
                    .append("</dd></dl>");
            List<Object> items = (List<Object>) category.get("items");
            if (items.isEmpty()) {
                html.append("<p>").append(escape(w.empty())).append("</p>");
            }
            for (Object item : items) {
                html.append("<table><tbody>");
                ((Map<String, Object>) item).forEach((field, value) -> html.append("<tr><th>")
                        .append(escape(w.fields().getOrDefault(field, field))).append("</th><td>")
                        .append(escape(value(w, dates, value))).append("</td></tr>"));
                html.append("</tbody></table>");
            }
            html.append("</section>");
        }
        html.append("<section><h2>").append(escape(w.transfers())).append("</h2><p>")
                .append(escape(w.transfersText())).append("</p></section>");
        Object controller = export.get("controller");
        if (controller instanceof Map<?, ?> m) {
            html.append("<section><h2>").append(escape(w.controller())).append("</h2><p>")
                    .append(escape(m.get("name") + ", " + m.get("address") + " · " + m.get("contact"))).append("</p></section>");
        }
        return html.append("</main></body></html>").toString();
    }

    /** The processors that may see the category, with their purposes in the page's language; "none" when there are none. */
    @SuppressWarnings("unchecked")
    private static String recipientsText(Words w, List<Object> recipients) {
        if (recipients.isEmpty()) {
            return w.none();
        }
        return recipients.stream().map(r -> (Map<String, Object>) r).map(r -> r.get("name") + " ("
                + ((List<String>) r.get("purposes")).stream().map(p -> w.purposeNames().getOrDefault(p, p))
                .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining("; "));
    }

    /** "24 months from the end of the customer relationship (customer relationship)", in the page's language. */
    private static String retentionText(Words w, String categoryId, Map<String, Object> retention) {
        String period = String.valueOf(retention.get("period"));
        String from = String.valueOf(retention.get("from"));
        String reason = w.categoryReasons().getOrDefault(categoryId, String.valueOf(retention.get("reason")));
        String amount = period;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("P(\\d+)([YMD])").matcher(period);
        if (m.matches()) {
            amount = m.group(1) + " " + switch (m.group(2)) {
                case "Y" -> w.years();
                case "M" -> w.months();
                default -> w.days();
            };
        }
        if (from.equals("NEVER")) {
            return w.clockStarts().get("NEVER") + " (" + reason + ")";
        }
        return amount + " " + w.clockStarts().getOrDefault(from, from) + " (" + reason + ")";
    }

    @SuppressWarnings("unchecked")
    private static String value(Words w, java.util.Locale dates, Object value) {
        if (value instanceof Map<?, ?> map) {
            return ((Map<String, Object>) map).entrySet().stream()
                    .map(e -> w.fields().getOrDefault(e.getKey(), e.getKey()) + ": " + value(w, dates, e.getValue()))
                    .collect(Collectors.joining("; "));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> value(w, dates, v)).collect(Collectors.joining(list.stream()
                    .anyMatch(v -> v instanceof Map) ? " | " : ", "));
        }
        String text = String.valueOf(value);
        return ReadableTime.readable(w.values().getOrDefault(text, text), dates);
    }
}
