package fi.dentalsystems.register.local.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local engine checks no IAM, so a function can pass every test here and be refused in AWS.
 * This records the DynamoDB calls a handler makes (operation, table, index) through a client
 * wrapper, and checks each against the function's policy statements in template.yaml: the action
 * {@code dynamodb:<Operation>} must be allowed on the table's ARN (or the index's ARN for an index
 * query). Table names are matched to logical ids by their suffix (tests create {@code prefix + logicalId}).
 */
public final class DynamoDbPermissions implements org.junit.jupiter.api.extension.AfterAllCallback {

    /** One call: {@code dynamodb:Query} on {@code ContactsTable}, index {@code byCustomer} (or none). */
    public record Call(String action, String tableLogicalId, String index) {
        @Override
        public String toString() {
            return action + " on " + tableLogicalId + (index.isEmpty() ? "" : "/index/" + index);
        }
    }

    private final Set<Call> calls = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> tableLogicalIds;
    private final String checkedFunction;

    public DynamoDbPermissions(SamTemplate template) {
        this(template, "");
    }

    private DynamoDbPermissions(SamTemplate template, String checkedFunction) {
        this.tableLogicalIds = template.tables().keySet();
        this.checkedFunction = checkedFunction;
    }

    /**
     * As a static {@code @RegisterExtension} of a test class: after the class, every call recorded
     * through {@link #recording} must be allowed by {@code functionLogicalId}'s policy (and some must
     * have been made, or the check proves nothing).
     */
    public static DynamoDbPermissions checkedAfterAll(String functionLogicalId) {
        return new DynamoDbPermissions(SamTemplate.load(), functionLogicalId);
    }

    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        if (checkedFunction.isEmpty()) {
            return;
        }
        if (calls.isEmpty()) {
            throw new AssertionError("no DynamoDB call was recorded for " + checkedFunction + ": the check proves nothing");
        }
        List<Call> refused = notAllowed(SamTemplate.load(), checkedFunction);
        if (!refused.isEmpty()) {
            throw new AssertionError(checkedFunction + "'s policy in template.yaml does not allow " + refused);
        }
    }

    public Set<Call> calls() {
        return Set.copyOf(calls);
    }

    /** A client that forwards everything to {@code real} and records what it was asked to do. */
    public DynamoDbClient recording(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Method target = method;
                    Object[] arguments = args;
                    if (args != null && args.length == 1 && args[0] instanceof Consumer<?> consumer) {
                        Object request = built(method.getName(), consumer);
                        target = DynamoDbClient.class.getMethod(method.getName(), requestType(method.getName()));
                        arguments = new Object[] {request};
                    }
                    if (arguments != null && arguments.length == 1) {
                        record(method.getName(), arguments[0]);
                    }
                    try {
                        return target.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The calls the function's policies do not allow; empty when all are granted. */
    public List<Call> notAllowed(SamTemplate template, String functionLogicalId) {
        List<Call> refused = new ArrayList<>();
        List<Map<String, Object>> statements = statements(template, functionLogicalId);
        for (Call call : calls()) {
            boolean allowed = statements.stream().anyMatch(s -> actions(s).contains(call.action())
                    && resources(s).stream().anyMatch(r -> covers(r, call)));
            if (!allowed) {
                refused.add(call);
            }
        }
        return refused;
    }

    private static boolean covers(Object resource, Call call) {
        if (resource instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att) {
            return call.index().isEmpty() && att.get(0).equals(call.tableLogicalId()) && att.get(1).equals("Arn");
        }
        if (resource instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub) {
            String table = "${" + call.tableLogicalId() + ".Arn}";
            if (call.index().isEmpty()) {
                return sub.equals(table);
            }
            return sub.equals(table + "/index/" + call.index()) || sub.equals(table + "/index/*");
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(SamTemplate template, String functionLogicalId) {
        Map<String, Object> function = (Map<String, Object>) template.resources().get(functionLogicalId);
        Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
            if (policy instanceof Map<?, ?> p && p.get("Statement") instanceof List<?> list) {
                list.forEach(s -> statements.add((Map<String, Object>) s));
            }
        }
        return statements;
    }

    private static List<Object> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        return a instanceof List<?> list ? new ArrayList<>(list) : List.of(String.valueOf(a));
    }

    private static List<Object> resources(Map<String, Object> statement) {
        Object r = statement.get("Resource");
        return r instanceof List<?> list ? new ArrayList<>(list) : List.of(r);
    }

    @SuppressWarnings("unchecked")
    private void record(String method, Object request) throws ReflectiveOperationException {
        String name = operation(method);
        if (!name.endsWith("Item") && !name.equals("query") && !name.equals("scan") && !name.equals("describeTable")) {
            return;
        }
        String operation = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String action = "dynamodb:" + operation;
        if (method.equals("batchWriteItem") || method.equals("batchGetItem")) {
            Map<String, ?> items = (Map<String, ?>) request.getClass().getMethod("requestItems").invoke(request);
            items.keySet().forEach(t -> calls.add(new Call(action, logicalId(t), "")));
            return;
        }
        Method tableName;
        try {
            tableName = request.getClass().getMethod("tableName");
        } catch (NoSuchMethodException none) {
            return;
        }
        String index = "";
        try {
            Object i = request.getClass().getMethod("indexName").invoke(request);
            index = i == null ? "" : String.valueOf(i);
        } catch (NoSuchMethodException none) {
            // not an index operation
        }
        calls.add(new Call(action, logicalId(String.valueOf(tableName.invoke(request))), index));
    }

    private String logicalId(String tableName) {
        return tableLogicalIds.stream().filter(tableName::endsWith).findFirst().orElse(tableName);
    }

    @SuppressWarnings("unchecked")
    private static Object built(String method, Consumer<?> consumer) throws ReflectiveOperationException {
        Class<?> type = requestType(method);
        Method builderMethod = type.getMethod("builder");
        Object builder = builderMethod.invoke(null);
        ((Consumer<Object>) consumer).accept(builder);
        // the builder's class is package-private: build through its public interface
        return builderMethod.getReturnType().getMethod("build").invoke(builder);
    }

    private static Class<?> requestType(String method) throws ClassNotFoundException {
        String name = operation(method);
        return Class.forName("software.amazon.awssdk.services.dynamodb.model."
                + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Request");
    }

    /** {@code queryPaginator} pages with {@code Query}: the permission is the operation's. */
    private static String operation(String method) {
        return method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
    }
}
