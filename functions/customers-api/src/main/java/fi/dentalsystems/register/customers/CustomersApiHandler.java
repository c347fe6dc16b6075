package fi.dentalsystems.register.customers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.notice.RegisterDescription;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lambda entry point of the staff customers API. Everything is built once per instance;
 * the handler only adapts the event. Under SnapStart the checkpoint is primed with a
 * read-only DescribeTable so the restored instance has its SDK classes loaded.
 */
public final class CustomersApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiFunction, Resource {

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;
    private final HttpApiAdapter api;

    /** Used by the Lambda runtime: configuration from the environment. */
    public CustomersApiHandler() {
        this(DynamoDbConnection.fromEnvironment(), TableNames.fromEnvironment(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** Used by tests, which pass their own engine, tables and clock; the pepper comes from the environment. */
    public CustomersApiHandler(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        this(dynamoDb, tables, clock, name -> java.util.Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()));
    }

    /** Used by the local runtime. */
    public CustomersApiHandler(HandlerSetup setup) {
        this(setup.dynamoDb(), setup.tables(), setup.clock(), setup::variable);
    }

    private CustomersApiHandler(DynamoDbClient dynamoDb, TableNames tables, Clock clock,
                                Function<String, Optional<String>> variables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.api = CustomersApi.create(dynamoDb, tables, clock, Pepper.from(variables),
                () -> RegisterDescription.from(variables));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    @Override
    public Set<String> routeKeys() {
        return api.routeKeys();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        dynamoDb.describeTable(DescribeTableRequest.builder().tableName(tables.nameOf(RegisterTable.CUSTOMERS)).build());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
