package fi.dentalsystems.register.local.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fault injection: a DynamoDB client that forwards to the real engine, except that chosen calls —
 * an operation on a table (by the suffix of its name), the next N times — fail as DynamoDB would
 * fail them (throttled, by default). The handlers' own SDK retries sit in the real client behind it,
 * so an injected failure reaches the handler as a final one.
 */
public final class FailingDynamoDb {
    private record Rule(String operation, String table, AtomicInteger left, Supplier<RuntimeException> failure) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();

    /** DynamoDB's answer to a request over the table's throughput. */
    public static RuntimeException throttled() {
        return ProvisionedThroughputExceededException.builder().message("injected: throughput exceeded")
                .statusCode(400).build();
    }

    /** The next {@code times} calls of {@code operation} (e.g. "putItem", "query") on the table fail. */
    public FailingDynamoDb fail(String operation, String tableLogicalId, int times) {
        return fail(operation, tableLogicalId, times, FailingDynamoDb::throttled);
    }

    public FailingDynamoDb fail(String operation, String tableLogicalId, int times, Supplier<RuntimeException> failure) {
        rules.add(new Rule(operation, tableLogicalId, new AtomicInteger(times), failure));
        return this;
    }

    /** Every injected failure not yet spent is dropped: the engine answers normally again. */
    public void heal() {
        rules.clear();
    }

    /** How many calls failed on purpose so far. */
    public int injected() {
        return injected.get();
    }

    public DynamoDbClient wrap(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    // queryPaginator pages with Query: the same operation, failing the same way
                    String operation = method.getName().endsWith("Paginator")
                            ? method.getName().substring(0, method.getName().length() - "Paginator".length())
                            : method.getName();
                    String table = args != null && args.length == 1 ? tableOf(operation, args[0]) : "";
                    for (Rule rule : rules) {
                        if (rule.operation().equals(operation) && table.endsWith(rule.table())
                                && rule.left().getAndDecrement() > 0) {
                            injected.incrementAndGet();
                            throw rule.failure().get();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static String tableOf(String method, Object request) {
        try {
            Object built = request;
            if (request instanceof Consumer<?> consumer) {
                String type = Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Request";
                Class<?> requestType = Class.forName("software.amazon.awssdk.services.dynamodb.model." + type);
                Method builderMethod = requestType.getMethod("builder");
                Object builder = builderMethod.invoke(null);
                ((Consumer<Object>) consumer).accept(builder);
                built = builderMethod.getReturnType().getMethod("build").invoke(builder);
            }
            Method tableName = built.getClass().getMethod("tableName");
            return String.valueOf(tableName.invoke(built));
        } catch (ReflectiveOperationException | ClassCastException notATableCall) {
            if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest batch) {
                return String.join(",", batch.requestItems().keySet());
            }
            return "";
        }
    }

    /** For the record of what was set up: operation → table. */
    public Map<String, String> describe() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        rules.forEach(r -> out.put(r.operation(), r.table()));
        return out;
    }
}
