package fi.dentalsystems.register.core.requests;

import java.util.List;
import java.util.Map;

/**
 * The access export as a page a person can read (Finnish or English, by the request's
 * language; Swedish readers get English until a translation is reviewed): one section per
 * category with its purposes, source, retention and recipients, then the records.
 */
public final class AccessExportHtml {
    private AccessExportHtml() {
    }

    private record Words(String lang, String title, String intro, String purposes, String source, String retention,
                         String recipients, String none, String transfers, String empty) {
    }

    private static final Words FI = new Words("fi", "Tietosi Dental-Systems Oy:n asiakasrekisterissä",
            "Tässä ovat kaikki tiedot, jotka rekisterissä on sähköpostiosoitteeseesi liittyen.", "Käyttötarkoitukset",
            "Lähde", "Säilytysaika", "Vastaanottajat", "ei luovutuksia", "Siirrot EU/ETA-alueen ulkopuolelle",
            "Ei tietoja.");
    private static final Words EN = new Words("en", "Your data in the Dental-Systems Oy customer register",
            "This is everything the register holds linked to your email address.", "Purposes", "Source",
            "Retention", "Recipients", "none", "Transfers outside the EU/EEA", "No data.");

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> export, Language language) {
        Words w = language == Language.FI ? FI : EN;
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"").append(w.lang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(w.title())).append("</title><style>")
                .append("body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1b1b1b}")
                .append("section{border-top:2px solid #ddd;margin-top:1.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}")
                .append("dt{font-weight:600}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}")
                .append("</style></head><body><main>");
        html.append("<h1>").append(esc(w.title())).append("</h1><p>").append(esc(w.intro())).append("</p>");
        html.append("<p>").append(esc(String.valueOf(export.get("subjectAddress")))).append(" · ")
                .append(esc(String.valueOf(export.get("requestId")))).append("</p>");
        for (Object c : (List<Object>) export.get("categories")) {
            Map<String, Object> category = (Map<String, Object>) c;
            Map<String, Object> retention = (Map<String, Object>) category.get("retention");
            html.append("<section><h2>").append(esc(String.valueOf(category.get("title")))).append("</h2><dl>")
                    .append("<dt>").append(esc(w.purposes())).append("</dt><dd>")
                    .append(esc(String.join(", ", (List<String>) category.get("purposes")))).append("</dd>")
                    .append("<dt>").append(esc(w.source())).append("</dt><dd>").append(esc(String.valueOf(category.get("source"))))
                    .append("</dd><dt>").append(esc(w.retention())).append("</dt><dd>")
                    .append(esc(retention.get("period") + " / " + retention.get("from") + " — " + retention.get("reason")))
                    .append("</dd><dt>").append(esc(w.recipients())).append("</dt><dd>").append(esc(w.none()))
                    .append("</dd></dl>");
            List<Object> items = (List<Object>) category.get("items");
            if (items.isEmpty()) {
                html.append("<p>").append(esc(w.empty())).append("</p>");
            }
            for (Object item : items) {
                html.append("<table><tbody>");
                ((Map<String, Object>) item).forEach((field, value) -> html.append("<tr><th>").append(esc(field))
                        .append("</th><td>").append(esc(String.valueOf(value))).append("</td></tr>"));
                html.append("</tbody></table>");
            }
            html.append("</section>");
        }
        html.append("<section><h2>").append(esc(w.transfers())).append("</h2><p>")
                .append(esc(String.valueOf(export.get("transfers")))).append("</p></section>");
        return html.append("</main></body></html>").toString();
    }

    static String esc(String text) {
        return fi.dentalsystems.register.core.http.Html.escape(text);
    }
}
