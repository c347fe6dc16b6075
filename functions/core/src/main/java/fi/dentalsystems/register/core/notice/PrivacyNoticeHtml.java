package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.format.Html;

import java.util.List;
import java.util.Map;

/**
 * The privacy notice as one accessible HTML page: a heading per section, tables with header
 * cells, works without JavaScript and fits a phone. It renders {@link PrivacyNotice#content}
 * and nothing else, so the page and the JSON cannot say different things. Every text goes
 * through {@link Html#escape} in {@link #text}; no value reaches the page another way.
 */
public final class PrivacyNoticeHtml {
    private static final String STYLE = "body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
            + "margin:0;color:#1b1b1b;background:#f6f7f9}main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem;"
            + "background:#fff}h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}"
            + "nav a{margin-right:.75rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
            + "th,td{border:1px solid #8a8a8a;padding:.4rem .5rem;text-align:left;vertical-align:top}"
            + "th{background:#eef1f5}dt{font-weight:600}dd{margin:0 0 .4rem}"
            + "a:focus{outline:3px solid #ffbf47;outline-offset:2px}"
            + "@media (max-width:36rem){table,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-9999px}"
            + "td{border-width:0 0 1px}}";

    private PrivacyNoticeHtml() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> notice) {
        String lang = (String) notice.get("language");
        NoticeTexts t = NoticeTexts.of(Language.fromCode(lang).orElse(Language.FI));
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html><html lang=\"").append(text(lang)).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(text((String) notice.get("title"))).append("</title><style>").append(STYLE)
                .append("</style></head><body><main>");
        html.append("<nav aria-label=\"").append(text(t.get("nav.language"))).append("\">")
                .append("<a href=\"/privacy-notice?lang=fi\" lang=\"fi\">Suomi</a>")
                .append("<a href=\"/privacy-notice?lang=sv\" lang=\"sv\">Svenska</a>")
                .append("<a href=\"/privacy-notice?lang=en\" lang=\"en\">English</a></nav>");
        html.append("<h1>").append(text((String) notice.get("title"))).append("</h1>");
        html.append("<p>").append(text((String) notice.get("lead"))).append("</p>");
        links(html, (List<Map<String, String>>) notice.get("links"));
        for (Map<String, Object> section : (List<Map<String, Object>>) notice.get("sections")) {
            String number = text(String.valueOf(section.get("number")));
            html.append("<section aria-labelledby=\"s").append(number).append("\"><h2 id=\"s").append(number)
                    .append("\">").append(number).append(". ")
                    .append(text((String) section.get("title")))
                    .append("</h2>");
            for (Map<String, Object> block : (List<Map<String, Object>>) section.get("content")) {
                block(html, block);
            }
            html.append("</section>");
        }
        links(html, (List<Map<String, String>>) notice.get("links"));
        return html.append("</main></body></html>").toString();
    }

    @SuppressWarnings("unchecked")
    private static void block(StringBuilder html, Map<String, Object> block) {
        if (block.get("paragraph") instanceof String p) {
            html.append("<p>").append(text(p)).append("</p>");
        }
        if (block.get("list") instanceof List<?> items) {
            html.append("<ul>");
            items.forEach(item -> html.append("<li>").append(text((String) item)).append("</li>"));
            html.append("</ul>");
        }
        if (block.get("definitions") instanceof List<?> terms) {
            html.append("<dl>");
            for (Object o : terms) {
                Map<String, String> term = (Map<String, String>) o;
                html.append("<dt>").append(text(term.get("term"))).append("</dt><dd>").append(text(term.get("value")))
                        .append("</dd>");
            }
            html.append("</dl>");
        }
        if (block.get("table") instanceof Map<?, ?> table) {
            html.append("<table><thead><tr>");
            ((List<String>) table.get("head")).forEach(h -> html.append("<th scope=\"col\">").append(text(h)).append("</th>"));
            html.append("</tr></thead><tbody>");
            for (List<String> row : (List<List<String>>) table.get("rows")) {
                html.append("<tr><th scope=\"row\">").append(text(row.get(0))).append("</th>");
                row.subList(1, row.size()).forEach(cell -> html.append("<td>").append(text(cell)).append("</td>"));
                html.append("</tr>");
            }
            html.append("</tbody></table>");
        }
        if (block.get("links") instanceof List<?> links) {
            links(html, (List<Map<String, String>>) links);
        }
    }

    private static void links(StringBuilder html, List<Map<String, String>> links) {
        html.append("<ul>");
        for (Map<String, String> link : links) {
            html.append("<li>");
            if (link.containsKey("href")) {
                html.append("<a href=\"").append(text(link.get("href"))).append("\">").append(text(link.get("text")))
                        .append("</a>");
            } else {
                html.append(text(link.get("text")));
            }
            html.append("</li>");
        }
        html.append("</ul>");
    }

    private static String text(String value) {
        return Html.escape(value);
    }
}
