package fi.dentalsystems.register.customers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.EnumSet;
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
    /** The customers API sends no mail (its jar has no SES client). */
    private static final Mailer NO_MAIL = mail -> {
        throw new IllegalStateException("the customers API sends no mail");
    };

    private final Register register;
    private final HttpApiAdapter api;

    /** Used by the Lambda runtime: configuration from the environment. */
    public CustomersApiHandler() {
        this(HandlerSetup.fromEnvironment(NO_MAIL));
        Core.getGlobalContext().register(this);
    }

    /** Used by tests, which pass their own engine, tables and clock; the pepper comes from the environment. */
    public CustomersApiHandler(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        this(new HandlerSetup(dynamoDb, tables, clock, NO_MAIL, System.getenv()));
    }

    /** Used by the local runtime. */
    public CustomersApiHandler(HandlerSetup setup) {
        this.register = new Register(setup);
        this.api = CustomersApi.create(register);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    @Override
    public Set<String> routeKeys() {
        return api.routeKeys();
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.CUSTOMERS));
        Priming.http(api);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
