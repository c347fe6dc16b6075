package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.http.HttpAnswer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The API reference for integrators, locally under the console: Redoc (npm, pinned by
 * local/console-tools/package-lock.json) renders /openapi.yaml. Not deployed (issue 16): in AWS the
 * document is the contract, the page is a convenience of the developer's machine. Redoc's styles are
 * injected at run time, so this page alone allows inline styles; scripts still come from this origin only.
 */
final class DevApiReference {
    /**
     * Redoc's theme darkens what axe-core finds below 4.5:1 (inline code, the dark panel's error tabs, redirect
     * statuses); reference.css sets what its theme cannot; reference-labels.js names its content-type selects and
     * lets its menu items be named by their visible text (decision 0014). The page passes axe-core like the console.
     */
    private static final String THEME = "{\"typography\":{\"code\":{\"color\":\"#b3261e\"}},"
            + "\"colors\":{\"responses\":{\"error\":{\"tabTextColor\":\"#ff6b66\"},\"redirect\":{\"color\":\"#8a5700\"}}}}";
    private static final String PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<link rel=\"stylesheet\" href=\"/console/reference.css\">"
            + "<title>Customer register API reference</title></head><body>"
            + "<redoc spec-url=\"/openapi.yaml\" hide-download-button=\"false\" theme='" + THEME + "'></redoc>"
            + "<script src=\"/console/redoc.standalone.js\"></script>"
            + "<script type=\"module\" src=\"/console/reference-labels.js\"></script></body></html>";

    private final Path bundle;
    private final Path tools;

    DevApiReference(Path repositoryRoot) {
        this.tools = repositoryRoot.resolve("local/console-tools");
        this.bundle = tools.resolve("node_modules/redoc/bundles/redoc.standalone.js");
    }

    Optional<HttpAnswer> serve(String method, String path) throws IOException {
        if (!method.equals("GET")) {
            return Optional.empty();
        }
        if (path.equals("/console/reference.html")) {
            return Optional.of(send("text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8)));
        }
        if (path.equals("/console/redoc.standalone.js") && Files.isRegularFile(bundle)) {
            return Optional.of(send("text/javascript; charset=utf-8", Files.readAllBytes(bundle)));
        }
        if (path.equals("/console/reference-labels.js")) {
            return Optional.of(send("text/javascript; charset=utf-8", Files.readAllBytes(tools.resolve("reference-labels.js"))));
        }
        if (path.equals("/console/reference.css")) {
            return Optional.of(send("text/css; charset=utf-8", Files.readAllBytes(tools.resolve("reference.css"))));
        }
        return Optional.empty();
    }

    private static HttpAnswer send(String type, byte[] body) {
        return new HttpAnswer(200, Map.of("content-type", type,
                "content-security-policy", "default-src 'none'; script-src 'self';"
                + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self';"
                + " worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'",
                "x-frame-options", "DENY", "referrer-policy", "no-referrer", "x-content-type-options", "nosniff"), body);
    }
}
