package fi.dentalsystems.register.local.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fi.dentalsystems.register.local.support.CloudFormationYaml.list;
import static fi.dentalsystems.register.local.support.CloudFormationYaml.map;

/**
 * The parts of template.yaml the local runtime and the tests use: the tables (to create
 * them), the functions with their handler and environment, and their HTTP routes. The
 * template is the single source; nothing here repeats a schema.
 */
public final class SamTemplate {
    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load() {
        return load(RepositoryRoot.find().resolve("template.yaml"));
    }

    public static SamTemplate load(Path file) {
        return new SamTemplate(CloudFormationYaml.read(file));
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    /** Table logical id → its CloudFormation Properties. */
    public Map<String, Map<String, Object>> tables() {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if ("AWS::DynamoDB::Table".equals(map(resource).get("Type"))) {
                tables.put(id, map(map(resource).get("Properties")));
            }
        });
        return tables;
    }

    /** The key and index attributes a table declares (its AttributeDefinitions). */
    public List<String> attributeDefinitions(String tableLogicalId) {
        List<String> names = new ArrayList<>();
        list(tables().getOrDefault(tableLogicalId, Map.of()).get("AttributeDefinitions"))
                .forEach(d -> names.add(String.valueOf(map(d).get("AttributeName"))));
        return names;
    }

    /** An HTTP route a function declares: method and path as API Gateway matches them. */
    public record HttpRoute(String method, String path, boolean authorized) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** A serverless function: handler class and method, environment (unresolved), routes, schedules. */
    public record Function(String logicalId, String handlerClass, String handlerMethod,
                           Map<String, Object> environment, List<HttpRoute> routes, List<Schedule> schedules,
                           Map<String, Object> properties) {
    }

    /** A scheduled trigger: its cron or rate expression and time zone. */
    public record Schedule(String expression, String timezone) {
    }

    /** The default value of a template parameter, as a local run uses it. */
    public Optional<String> parameterDefault(String name) {
        Object value = map(map(root.get("Parameters")).get(name)).get("Default");
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** The environment every function gets from Globals (values as the template writes them). */
    public Map<String, Object> globalEnvironment() {
        return map(map(map(map(root.get("Globals")).get("Function")).get("Environment")).get("Variables"));
    }

    public List<Function> functions() {
        Map<String, Object> globalEnv = globalEnvironment();
        List<Function> functions = new ArrayList<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> r = map(resource);
            if (!"AWS::Serverless::Function".equals(r.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(r.get("Properties"));
            String handler = String.valueOf(props.get("Handler"));
            String[] parts = handler.split("::", 2);
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(props.get("Environment")).get("Variables")));
            List<HttpRoute> routes = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            map(props.get("Events")).forEach((name, event) -> {
                Map<String, Object> e = map(event);
                if ("ScheduleV2".equals(e.get("Type")) || "Schedule".equals(e.get("Type"))) {
                    Map<String, Object> p = map(e.get("Properties"));
                    schedules.add(new Schedule(String.valueOf(p.get("ScheduleExpression")),
                            String.valueOf(p.getOrDefault("ScheduleExpressionTimezone", "UTC"))));
                }
                if ("HttpApi".equals(e.get("Type"))) {
                    Map<String, Object> p = map(e.get("Properties"));
                    Object auth = map(p.get("Auth")).get("Authorizer");
                    routes.add(new HttpRoute(String.valueOf(p.get("Method")).toUpperCase(java.util.Locale.ROOT),
                            String.valueOf(p.get("Path")), !"NONE".equals(auth)));
                }
            });
            functions.add(new Function(id, parts[0], parts.length > 1 ? parts[1] : "handleRequest", env, routes,
                    schedules, props));
        });
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * Resolves an environment value the way the deployed stack would, with local names:
     * {@code !Ref SomeTable} becomes the local table name; plain strings stay.
     */
    public static Optional<String> resolveLocal(Object value, java.util.function.Function<String, String> tableNameOf) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        Object ref = map(value).get("Ref");
        if (ref instanceof String logicalId) {
            return Optional.ofNullable(tableNameOf.apply(logicalId));
        }
        return Optional.empty();
    }

    static List<Object> asList(Object value) {
        return list(value);
    }
}
