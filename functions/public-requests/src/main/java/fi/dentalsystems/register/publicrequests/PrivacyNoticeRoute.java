package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.notice.PrivacyNotice;
import fi.dentalsystems.register.core.notice.PrivacyNoticeHtml;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /privacy-notice}: the register's privacy notice (GDPR art. 13–14) as a page or,
 * with {@code ?format=json}, as the same content in JSON. Public and the same for everyone (no
 * personal data), so caches may keep it; it changes only when the configuration does.
 */
final class PrivacyNoticeRoute {
    /** An hour: a changed parameter (a new contact person, say) reaches every reader within it. */
    private static final String CACHE = "public, max-age=3600";

    private final PrivacyNotice notice;

    PrivacyNoticeRoute(PrivacyNotice notice) {
        this.notice = notice;
    }

    ApiResponse get(ApiRequest request) {
        Language language = request.query("lang").map(code -> Language.fromCode(code)
                        .orElseThrow(() -> ProblemException.invalidField("lang", "must be one of [fi, sv, en]")))
                .orElseGet(() -> Language.fromAcceptLanguage(request.header("accept-language").orElse(null)));
        String format = request.query("format").orElse("html");
        Map<String, Object> content = notice.content(language);
        return switch (format) {
            case "json" -> new ApiResponse(200, headers("application/json", language), Optional.of(Json.write(content)));
            case "html" -> new ApiResponse(200, headers("text/html; charset=utf-8", language),
                    Optional.of(PrivacyNoticeHtml.render(content)));
            default -> throw ProblemException.invalidField("format", "must be one of [html, json]");
        };
    }

    private static Map<String, String> headers(String contentType, Language language) {
        return Map.of("content-type", contentType, "cache-control", CACHE, "vary", "accept-language",
                "content-language", language.code());
    }
}
