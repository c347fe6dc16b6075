package fi.dentalsystems.register.local.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
 * Every read and write of personal data is audited (issue 14): wraps a handler's DynamoDB client
 * (as {@link DynamoDbPermissions} does for IAM) and the handler itself, and after each invocation
 * checks that every call which touched personal data — an item read or queried with a personal
 * attribute (core {@code StoredAttributes}: one with a category), an item written with one, an update
 * setting one, a delete — has an audit entry written in the same invocation naming that item (its id
 * inside the entry's targetId, or a key of its details: a job's list of the ids it deleted). Technical
 * reads (a legal hold's fields, a business-id claim) need none. What is not audited is kept in {@link #unaudited()}.
 */
public final class AuditCompleteness {
    /** The tables that hold personal data, and the attributes that name an item of theirs. */
    private static final Map<String, List<String>> PERSONAL = Map.of(
            "CustomersTable", List.of("customerId"),
            "ContactsTable", List.of("contactId"),
            "HistoryTable", List.of("entryId"),
            "CredentialsTable", List.of("contactId"),
            "RequestsTable", List.of("requestId"));

    private record Touch(String what, Set<String> ids) {
    }

    private final Set<String> tableLogicalIds;
    private final List<Touch> touched = new ArrayList<>();
    private final Set<String> audited = new LinkedHashSet<>();
    private final Set<String> unaudited = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private int invocations;

    public AuditCompleteness() {
        this.tableLogicalIds = SamTemplate.load().tables().keySet();
    }

    /** What was not audited, as "operation on table (route)", across every invocation so far. */
    public Set<String> unaudited() {
        return Set.copyOf(unaudited);
    }

    public int invocations() {
        return invocations;
    }

    /** The handler, each of whose invocations is checked. */
    public <I, O> RequestHandler<I, O> checking(RequestHandler<I, O> handler, java.util.function.Function<I, String> name) {
        return (input, context) -> {
            synchronized (this) {
                touched.clear();
                audited.clear();
                O output = handler.handleRequest(input, context);
                invocations++;
                for (Touch t : touched) {
                    boolean found = t.ids().stream().anyMatch(id -> audited.stream().anyMatch(a -> a.contains(id)));
                    if (!found) {
                        unaudited.add(t.what() + " (" + name.apply(input) + ")");
                    }
                }
                return output;
            }
        };
    }

    /** A client that forwards everything to {@code real} and notes what each call touched. */
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
                    // a paginator's pages are fetched through this client, so each page's items are seen
                    if (method.getName().equals("queryPaginator") && arguments != null && arguments.length == 1) {
                        return new software.amazon.awssdk.services.dynamodb.paginators.QueryIterable((DynamoDbClient) proxy,
                                (software.amazon.awssdk.services.dynamodb.model.QueryRequest) arguments[0]);
                    }
                    if (method.getName().equals("scanPaginator") && arguments != null && arguments.length == 1) {
                        return new software.amazon.awssdk.services.dynamodb.paginators.ScanIterable((DynamoDbClient) proxy,
                                (software.amazon.awssdk.services.dynamodb.model.ScanRequest) arguments[0]);
                    }
                    Object result;
                    try {
                        result = target.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (arguments != null && arguments.length == 1) {
                        note(method.getName(), arguments[0], result);
                    }
                    return result;
                });
    }

    @SuppressWarnings("unchecked")
    private void note(String method, Object request, Object result) throws ReflectiveOperationException {
        String table;
        try {
            table = logicalId(String.valueOf(request.getClass().getMethod("tableName").invoke(request)));
        } catch (NoSuchMethodException none) {
            return;
        }
        if (table.equals("AuditTable") && method.equals("putItem")) {
            Map<String, AttributeValue> item = (Map<String, AttributeValue>) request.getClass().getMethod("item")
                    .invoke(request);
            if (item.containsKey("targetId")) {
                audited.add(item.get("targetId").s());
            }
            // a job's list of the ids it deleted or changed (the purge's, decision 0012 "Completeness")
            if (item.containsKey("details") && item.get("details").hasM()) {
                audited.addAll(item.get("details").m().keySet());
            }
            return;
        }
        List<String> idNames = PERSONAL.get(table);
        if (idNames == null) {
            return;
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        switch (method) {
            case "getItem" -> {
                Map<String, AttributeValue> item = (Map<String, AttributeValue>) result.getClass().getMethod("item")
                        .invoke(result);
                if (item != null && !item.isEmpty()) {
                    items.add(item);
                }
            }
            case "query", "scan" -> items.addAll((List<Map<String, AttributeValue>>) result.getClass()
                    .getMethod("items").invoke(result));
            case "putItem" -> items.add((Map<String, AttributeValue>) request.getClass().getMethod("item").invoke(request));
            case "updateItem", "deleteItem" -> items.add((Map<String, AttributeValue>) request.getClass().getMethod("key")
                    .invoke(request));
            default -> {
                return;
            }
        }
        fi.dentalsystems.register.core.store.RegisterTable registerTable = java.util.Arrays.stream(
                fi.dentalsystems.register.core.store.RegisterTable.values()).filter(t -> t.logicalId().equals(table))
                .findFirst().orElseThrow();
        boolean personalChange = method.equals("deleteItem") || (method.equals("updateItem")
                && ((Map<String, String>) request.getClass().getMethod("expressionAttributeNames").invoke(request)).values()
                .stream().anyMatch(n -> personal(registerTable, n)));
        if (method.equals("updateItem") && !personalChange) {
            // an update that sets no personal attribute (a purge clock, a hold) changes none: its key only addresses it
            return;
        }
        for (Map<String, AttributeValue> item : items) {
            if (!personalChange && item.keySet().stream().noneMatch(n -> personal(registerTable, n))) {
                continue;
            }
            Set<String> ids = new LinkedHashSet<>();
            for (String name : idNames) {
                AttributeValue v = item.get(name);
                if (v != null && v.s() != null) {
                    ids.add(v.s());
                }
            }
            // a history entry's key holds its id after the time (<occurredAt>#<entryId>)
            AttributeValue entryKey = item.get("entryKey");
            if (table.equals("HistoryTable") && entryKey != null && entryKey.s() != null) {
                ids.add(entryKey.s().substring(entryKey.s().lastIndexOf('#') + 1));
            }
            // a business-id claim is technical: its id is the business id's key, not a customer's
            if (ids.stream().anyMatch(id -> id.startsWith(
                    fi.dentalsystems.register.core.store.CustomerRepository.CLAIM_PREFIX))) {
                continue;
            }
            if (!ids.isEmpty()) {
                touched.add(new Touch(method + " on " + table, ids));
            }
        }
    }

    private static boolean personal(fi.dentalsystems.register.core.store.RegisterTable table, String attribute) {
        return fi.dentalsystems.register.core.store.StoredAttributes.of(table, attribute).map(d -> !d.technical())
                .orElse(false);
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
        return builderMethod.getReturnType().getMethod("build").invoke(builder);
    }

    private static Class<?> requestType(String method) throws ClassNotFoundException {
        String name = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
        return Class.forName("software.amazon.awssdk.services.dynamodb.model."
                + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Request");
    }
}
