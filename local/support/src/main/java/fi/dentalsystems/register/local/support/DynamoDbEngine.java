package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JUnit 5 extension: one DynamoDB engine for the whole test run (dynalite on a free port,
 * or the endpoint in {@code DYNAMODB_ENDPOINT} — LocalStack, AWS), and fresh tables, created
 * from template.yaml, for each test class. Use as a static {@code @RegisterExtension} field.
 */
public final class DynamoDbEngine implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger CLASSES = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private DynamoDbClient client;
    private TableNames tables;
    private Map<String, String> created = Map.of();

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedEngine engine = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedEngine.class, k -> SharedEngine.start(), SharedEngine.class);
        client = engine.client;
        String prefix = "t" + RUN + "_" + CLASSES.incrementAndGet() + "_";
        created = TableFactory.createAll(client, SamTemplate.load(), prefix);
        tables = TableNames.from(variable -> {
            for (RegisterTable table : RegisterTable.values()) {
                if (table.environmentVariable().equals(variable)) {
                    return created.get(table.logicalId());
                }
            }
            return null;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (System.getenv(DynamoDbConnection.ENDPOINT_VARIABLE) != null) {
            // on a shared engine, leave nothing behind; dynalite dies with the run anyway
            created.values().forEach(name -> client.deleteTable(r -> r.tableName(name)));
        }
    }

    /** Another, empty set of the template's tables in the same engine, for a test that needs a clean register. */
    public TableSet freshTables() {
        String prefix = "t" + RUN + "_" + CLASSES.incrementAndGet() + "_";
        Map<String, String> byLogicalId = TableFactory.createAll(client, SamTemplate.load(), prefix);
        return new TableSet(TableNames.from(variable -> {
            for (RegisterTable table : RegisterTable.values()) {
                if (table.environmentVariable().equals(variable)) {
                    return byLogicalId.get(table.logicalId());
                }
            }
            return null;
        }), byLogicalId);
    }

    /** A set of tables: the names a handler reads, and logical id → table name. */
    public record TableSet(TableNames names, Map<String, String> byLogicalId) {
    }

    public DynamoDbClient client() {
        return client;
    }

    public TableNames tables() {
        return tables;
    }

    /** A handler's setup over this class's tables: the test's clock, mailer and the function's variables. */
    public HandlerSetup setup(Clock clock, Mailer mailer, Map<String, String> variables) {
        // as the deployed stack would: the template's Globals name the controller for every function
        return new HandlerSetup(client, tables, clock, mailer, RegisterVariables.with(variables));
    }

    /**
     * The register's stores over this class's tables, to arrange and inspect records: system clock,
     * no mail, the test run's environment as variables (its suppression pepper).
     */
    public Register register() {
        return new Register(setup(Clock.systemUTC(), mail -> {
            throw new IllegalStateException("arranging records sends no mail");
        }, System.getenv()));
    }

    /** Logical id in template.yaml → the table created for this class. */
    public Map<String, String> tableNamesByLogicalId() {
        return created;
    }

    public String endpoint() {
        return SharedEngine.endpoint;
    }

    private static final class SharedEngine implements ExtensionContext.Store.CloseableResource {
        private static String endpoint;
        private final Optional<Dynalite> dynalite;
        private final DynamoDbClient client;

        private SharedEngine(Optional<Dynalite> dynalite, DynamoDbClient client) {
            this.dynalite = dynalite;
            this.client = client;
        }

        static SharedEngine start() {
            Optional<String> given = Optional.ofNullable(System.getenv(DynamoDbConnection.ENDPOINT_VARIABLE))
                    .filter(s -> !s.isBlank());
            Optional<Dynalite> dynalite = given.isPresent() ? Optional.empty()
                    : Optional.of(Dynalite.start(Optional.empty()));
            endpoint = given.orElseGet(() -> dynalite.orElseThrow().endpoint());
            String region = Optional.ofNullable(System.getenv("AWS_REGION")).orElse("eu-west-1");
            return new SharedEngine(dynalite, DynamoDbConnection.create(Optional.of(endpoint), region));
        }

        @Override
        public void close() {
            client.close();
            dynalite.ifPresent(Dynalite::close);
        }
    }
}
