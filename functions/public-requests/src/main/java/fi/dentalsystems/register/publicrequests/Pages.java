package fi.dentalsystems.register.publicrequests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestType;

import java.util.List;
import java.util.Map;

import static fi.dentalsystems.register.core.format.Html.escape;

/**
 * The public pages: plain HTML that works without JavaScript, labelled fields, an error
 * summary linked to the fields, visible focus, and a layout that fits a phone.
 */
final class Pages {
    private static final List<RequestType> FORM_TYPES = List.of(RequestType.ACCESS, RequestType.RECTIFICATION,
            RequestType.OBJECTION, RequestType.ERASURE, RequestType.RESTRICTION);

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
            main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem;background:#fff;min-height:100vh;box-sizing:border-box}
            h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
            nav{font-size:.95rem;margin-bottom:1rem}nav a{margin-right:.75rem}
            fieldset{border:0;padding:0;margin:0 0 1.25rem}legend,label{font-weight:600;display:block;margin-bottom:.25rem}
            .choice label{font-weight:400;display:inline}.choice{margin:.35rem 0}
            .hint{color:#555;font-size:.9rem;margin:.1rem 0 .4rem}
            input[type=email],input[type=text],textarea{width:100%;box-sizing:border-box;padding:.6rem;border:2px solid #6b6b6b;border-radius:4px;font:inherit}
            textarea{min-height:7rem}
            .field{margin-bottom:1.25rem}
            .error-message{color:#b00020;font-weight:600;margin:.2rem 0}
            .invalid input,.invalid textarea{border-color:#b00020}
            .error-summary{border:3px solid #b00020;padding:.75rem 1rem;margin-bottom:1.5rem}
            .error-summary h2{font-size:1.1rem;margin:0 0 .5rem}
            button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border:0;border-radius:4px;background:#0b5cab;color:#fff;cursor:pointer}
            a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #ffbf47;outline-offset:2px}
            .panel{border-left:6px solid #0b7a3e;padding:.5rem 1rem;background:#eef7f1}
            """;

    private Pages() {
    }

    /** The form, with the values and errors of a failed submission (errors: field → message). */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "The one case mapping is an enum constant's ASCII name (ROOT locale) made into an HTML id")
    static String form(Language language, Map<String, String> values, Map<String, String> errors) {
        FormTexts t = FormTexts.of(language);
        StringBuilder html = head(t, errors.isEmpty() ? t.title() : "⚠ " + t.title());
        html.append("<nav aria-label=\"").append(escape(t.languageLabel())).append("\">")
                .append("<a href=\"/form?lang=fi\" lang=\"fi\">Suomi</a>")
                .append("<a href=\"/form?lang=sv\" lang=\"sv\">Svenska</a>")
                .append("<a href=\"/form?lang=en\" lang=\"en\">English</a></nav>");
        html.append("<h1>").append(escape(t.title())).append("</h1>");
        if (!errors.isEmpty()) {
            html.append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\">")
                    .append("<h2>").append(escape(t.errorSummary())).append("</h2><ul>");
            errors.forEach((field, message) -> html.append("<li><a href=\"#").append(escape(field)).append("\">")
                    .append(escape(message)).append("</a></li>"));
            html.append("</ul></div>");
        }
        html.append("<p>").append(escape(t.intro())).append("</p>");
        // GDPR art. 13: the notice is one click away from where the data is given
        html.append("<p><a href=\"/privacy-notice?lang=").append(escape(language.code())).append("\">")
                .append(escape(t.privacyLink())).append("</a></p>");
        html.append("<form method=\"post\" action=\"/public/requests\" accept-charset=\"UTF-8\" novalidate>");
        html.append("<input type=\"hidden\" name=\"lang\" value=\"").append(escape(language.code())).append("\">");

        String chosen = values.getOrDefault("type", "");
        html.append("<fieldset id=\"type\"").append(invalid(errors, "type")).append(" aria-describedby=\"type-error\"><legend>")
                .append(escape(t.typeLegend())).append("</legend>");
        error(html, errors, "type");
        for (RequestType type : FORM_TYPES) {
            String id = "type-" + type.name().toLowerCase(java.util.Locale.ROOT);
            html.append("<div class=\"choice\"><input type=\"radio\" name=\"type\" id=\"").append(escape(id))
                    .append("\" value=\"").append(escape(type.name())).append("\"")
                    .append(type.name().equals(chosen) ? " checked" : "").append("> <label for=\"").append(escape(id))
                    .append("\">").append(escape(t.types().get(type))).append("</label></div>");
        }
        html.append("</fieldset>");

        field(html, errors, "email", t.email(), t.emailHint(),
                "<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" required maxlength=\"254\""
                        + " aria-describedby=\"email-hint email-error\" value=\"", values.getOrDefault("email", ""), "\">");
        field(html, errors, "name", t.name(), t.nameHint(),
                "<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"name\" maxlength=\"200\""
                        + " aria-describedby=\"name-hint name-error\" value=\"", values.getOrDefault("name", ""), "\">");
        field(html, errors, "details", t.details(), t.detailsHint(),
                "<textarea id=\"details\" name=\"details\" maxlength=\"2000\" aria-describedby=\"details-hint details-error\">",
                values.getOrDefault("details", ""), "</textarea>");
        html.append("<button type=\"submit\">").append(escape(t.submit())).append("</button></form>");
        return html.append("</main></body></html>").toString();
    }

    static String message(Language language, String title, String text, boolean success) {
        FormTexts t = FormTexts.of(language);
        StringBuilder html = head(t, title);
        html.append("<h1>").append(escape(title)).append("</h1>")
                .append(success ? "<div class=\"panel\" role=\"status\">" : "<div role=\"status\">")
                .append("<p>").append(escape(text)).append("</p></div>")
                .append("<p><a href=\"/form?lang=").append(escape(language.code())).append("\">").append(escape(t.title()))
                .append("</a></p>");
        return html.append("</main></body></html>").toString();
    }

    /** A page with one button that posts back to the same address (no script needed). */
    static String confirm(Language language, String title, String text, String button) {
        return confirm(language, title, text, button, "", Map.of());
    }

    /** A page with one button that posts {@code fields} (hidden) to {@code action} (no script needed). */
    static String confirm(Language language, String title, String text, String button, String action,
                          Map<String, String> fields) {
        FormTexts t = FormTexts.of(language);
        StringBuilder html = head(t, title);
        html.append("<h1>").append(escape(title)).append("</h1>")
                .append("<p>").append(escape(text)).append("</p>")
                .append("<form method=\"post\" action=\"").append(escape(action)).append("\">");
        fields.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        html.append("<button type=\"submit\" id=\"open\">").append(escape(button)).append("</button></form>");
        return html.append("</main></body></html>").toString();
    }

    private static StringBuilder head(FormTexts t, String title) {
        return new StringBuilder(8192).append("<!DOCTYPE html><html lang=\"").append(escape(t.htmlLang())).append("\"><head>")
                .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE).append("</style></head>")
                .append("<body><main>");
    }

    /** A labelled field; its control is the markup {@code before}, the escaped {@code value}, {@code after}. */
    private static void field(StringBuilder html, Map<String, String> errors, String name, String label, String hint,
                              String before, String value, String after) {
        html.append("<div class=\"field").append(errors.containsKey(name) ? " invalid" : "").append("\">")
                .append("<label for=\"").append(escape(name)).append("\">").append(escape(label)).append("</label>")
                .append("<p class=\"hint\" id=\"").append(escape(name)).append("-hint\">").append(escape(hint)).append("</p>");
        error(html, errors, name);
        html.append(before).append(escape(value)).append(after).append("</div>");
    }

    private static void error(StringBuilder html, Map<String, String> errors, String name) {
        if (errors.containsKey(name)) {
            html.append("<p class=\"error-message\" id=\"").append(escape(name)).append("-error\">")
                    .append(escape(errors.get(name))).append("</p>");
        }
    }

    private static String invalid(Map<String, String> errors, String name) {
        return errors.containsKey(name) ? " class=\"invalid\"" : "";
    }
}
