package fi.dentalsystems.register.local.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static fi.dentalsystems.register.local.support.CloudFormationYaml.map;

/**
 * Checks HTTP exchanges against openapi.yaml: the operation exists, the status is declared,
 * the media type and the body match the declared schema (JSON Schema 2020-12, as OpenAPI 3.1
 * uses it). Tests run every exchange through it, so the document cannot drift from the code.
 */
public final class OpenApiContract {
    private static volatile OpenApiContract loaded;

    private final Map<String, Object> document;
    private final Map<String, Object> components;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(Map<String, Object> document) {
        this.document = document;
        this.components = map(document.get("components"));
    }

    public static OpenApiContract load() {
        OpenApiContract contract = loaded;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                if (loaded == null) {
                    loaded = load(RepositoryRoot.find().resolve("openapi.yaml"));
                }
                contract = loaded;
            }
        }
        return contract;
    }

    @SuppressWarnings("unchecked")
    public static OpenApiContract load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new OpenApiContract((Map<String, Object>) new Yaml().load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** "GET /customers/{customerId}" for every operation in the document. */
    public List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).keySet().forEach(method -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                keys.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        return keys;
    }

    public List<String> violations(String method, String routePath, int status, Map<String, String> responseHeaders,
                                   String requestContentType, String requestBody, String responseBody) {
        List<String> problems = new ArrayList<>();
        String where = method + " " + routePath + " → " + status;
        Map<String, Object> operation = map(map(map(document.get("paths")).get(routePath))
                .get(method.toLowerCase(Locale.ROOT)));
        if (operation.isEmpty()) {
            problems.add(method + " " + routePath + " is not in openapi.yaml");
            return problems;
        }
        Map<String, Object> response = resolve(map(map(operation.get("responses")).get(Integer.toString(status))));
        if (response.isEmpty()) {
            problems.add(where + ": status not declared");
            return problems;
        }
        if (status >= 200 && status < 300 && requestBody != null && !requestBody.isBlank()
                && requestContentType != null && requestContentType.startsWith("application/json")) {
            Object requestSchema = map(map(map(resolve(map(operation.get("requestBody"))).get("content"))
                    .get("application/json")).get("schema"));
            if (map(requestSchema).isEmpty()) {
                problems.add(where + ": a JSON request body was accepted but none is declared");
            } else {
                validate(requestSchema, requestBody).forEach(e -> problems.add(where + ": request " + e));
            }
        }
        Map<String, Object> content = map(response.get("content"));
        boolean hasBody = responseBody != null && !responseBody.isEmpty();
        if (content.isEmpty()) {
            if (hasBody) {
                problems.add(where + ": a body was sent but none is declared");
            }
            return problems;
        }
        String contentType = responseHeaders.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue)
                .findFirst().orElse("").split(";", 2)[0].strip();
        Map<String, Object> media = map(content.get(contentType));
        if (media.isEmpty()) {
            problems.add(where + ": content type '" + contentType + "' is not declared (" + content.keySet() + ")");
            return problems;
        }
        if (!hasBody) {
            problems.add(where + ": the declared body is missing");
            return problems;
        }
        if (contentType.endsWith("json")) {
            validate(media.get("schema"), responseBody).forEach(e -> problems.add(where + ": response " + e));
        }
        map(response.get("headers")).keySet().forEach(header -> {
            boolean present = responseHeaders.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(header));
            if (!present) {
                problems.add(where + ": declared header " + header + " is missing");
            }
        });
        return problems;
    }

    public void assertConforms(String method, String routePath, int status, Map<String, String> responseHeaders,
                               String requestContentType, String requestBody, String responseBody) {
        List<String> problems = violations(method, routePath, status, responseHeaders, requestContentType,
                requestBody, responseBody);
        if (!problems.isEmpty()) {
            throw new AssertionError("the exchange does not conform to openapi.yaml:\n  " + String.join("\n  ", problems));
        }
    }

    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref instanceof String pointer && pointer.startsWith("#/components/")) {
            String[] parts = pointer.substring("#/components/".length()).split("/");
            Map<String, Object> target = components;
            for (String part : parts) {
                target = map(target.get(part));
            }
            return resolve(target);
        }
        return node;
    }

    private List<String> validate(Object schemaNode, String json) {
        Schema schema = schemas.computeIfAbsent(String.valueOf(System.identityHashCode(schemaNode)) + schemaNode,
                k -> compile(schemaNode));
        List<String> messages = new ArrayList<>();
        try {
            for (Error error : schema.validate(json, InputFormat.JSON)) {
                messages.add(error.getMessage() + " (" + error.getEvaluationPath() + ")");
            }
        } catch (RuntimeException e) {
            messages.add("is not JSON");
        }
        return messages;
    }

    /** One schema document: the operation's schema, with every component beside it so $refs resolve. */
    private Schema compile(Object schemaNode) {
        Map<String, Object> wrapper = new LinkedHashMap<>(map(schemaNode));
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.put("components", components);
        return registry.getSchema(mapper.valueToTree(wrapper));
    }
}
