package fi.dentalsystems.register.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API reference for integrators, locally under the console: Redoc (npm, pinned by
 * local/console-tools/package-lock.json) renders /openapi.yaml. Not deployed (issue 16): in AWS the
 * document is the contract, the page is a convenience of the developer's machine. Redoc's styles are
 * injected at run time, so this page alone allows inline styles; scripts still come from this origin only.
 */
final class DevApiReference {
    private static final String PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Customer register API reference</title></head><body>"
            + "<redoc spec-url=\"/openapi.yaml\" hide-download-button=\"false\"></redoc>"
            + "<script src=\"/console/redoc.standalone.js\"></script></body></html>";

    private final Path bundle;

    DevApiReference(Path repositoryRoot) {
        this.bundle = repositoryRoot.resolve("local/console-tools/node_modules/redoc/bundles/redoc.standalone.js");
    }

    boolean serve(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET")) {
            return false;
        }
        if (path.equals("/console/reference.html")) {
            send(exchange, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (path.equals("/console/redoc.standalone.js") && Files.isRegularFile(bundle)) {
            send(exchange, "text/javascript; charset=utf-8", Files.readAllBytes(bundle));
            return true;
        }
        return false;
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("content-security-policy", "default-src 'none'; script-src 'self';"
                + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self';"
                + " worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'");
        exchange.getResponseHeaders().set("x-frame-options", "DENY");
        exchange.getResponseHeaders().set("referrer-policy", "no-referrer");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
