package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.store.Disclosure;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.StoredAttributes;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a route handler sees of an HTTP API call, independent of the Lambda event classes.
 * Header names are lower-case (API Gateway v2 lower-cases them too). For a contracted processor's
 * call, {@code processorPurpose} is the purpose the route lets it act under ({@link ProcessorAccess}).
 */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        Optional<String> body,
        Caller caller,
        String requestId,
        Optional<Purpose> processorPurpose) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
    }

    public ApiRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> queryParameters,
                      Map<String, String> headers, Optional<String> body, Caller caller, String requestId) {
        this(routeKey, pathParameters, queryParameters, headers, body, caller, requestId, Optional.empty());
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The processor the caller acts for, if it is a processor's user. */
    public Optional<Processor> processor() {
        return caller.processor();
    }

    /** What the caller may be shown: everything for staff, its contract's purposes for a processor. */
    public Disclosure disclosure() {
        return caller.processor().map(p -> Disclosure.forPurposes(p.purposes())).orElse(Disclosure.EVERYTHING);
    }

    /**
     * The audit context of this call: staff act under the route's purpose; a processor under the
     * purpose its contract lets it use the route for, and the audit item names the processor.
     */
    public AuditLog.Access audited(Purpose staffPurpose) {
        return new AuditLog.Access(caller, routeKey, requestId, processorPurpose.orElse(staffPurpose).code());
    }

    /**
     * A processor may write only fields its purposes cover (seed §9): a body field stored in attributes
     * it may not be shown is refused by name, before anything is read or written (403). Fields that
     * are no stored attribute are left to the body's own checks (unknown fields are a 400). Staff
     * may write every field.
     */
    public void requireWritable(RegisterTable table, Collection<String> fields,
                                Function<String, List<String>> attributesOf) {
        Disclosure disclosure = disclosure();
        List<String> refused = fields.stream().sorted().filter(field -> {
            List<String> attributes = attributesOf.apply(field);
            return attributes.stream().allMatch(a -> StoredAttributes.isDeclared(table, a))
                    && !disclosure.hidden(table, attributes).isEmpty();
        }).toList();
        if (!refused.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The purposes of your contract do not cover "
                    + String.join(", ", refused) + ".");
        }
    }
}
