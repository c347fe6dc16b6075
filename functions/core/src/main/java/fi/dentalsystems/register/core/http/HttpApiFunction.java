package fi.dentalsystems.register.core.http;

import java.util.Set;

/** A function behind HTTP API routes; the template test checks its routes against template.yaml. */
public interface HttpApiFunction {
    Set<String> routeKeys();
}
