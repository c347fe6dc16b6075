package fi.dentalsystems.register.requests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.http.HttpApiAdapter;
import fi.dentalsystems.register.core.http.LegalHoldRoutes;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.http.HttpApiFunction;
import fi.dentalsystems.register.core.http.Route;
import fi.dentalsystems.register.core.domain.StaffGroup;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.exports.S3ExportStore;
import fi.dentalsystems.register.core.requests.AccessFulfilment;
import fi.dentalsystems.register.core.requests.ErasureFulfilment;
import fi.dentalsystems.register.core.requests.RectificationFulfilment;
import fi.dentalsystems.register.core.requests.RequestAnswer;
import fi.dentalsystems.register.core.requests.RestrictionFulfilment;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Lambda entry point of the staff side of data-subject requests. */
public final class RequestsApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiFunction {
    private static final Set<StaffGroup> STAFF = Set.of(StaffGroup.ADMIN, StaffGroup.STAFF);
    private static final Set<StaffGroup> ADMIN = Set.of(StaffGroup.ADMIN);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpApiAdapter api;

    public RequestsApiHandler() {
        this(new HandlerSetup(DynamoDbConnection.fromEnvironment(), TableNames.fromEnvironment(), Clock.systemUTC(),
                SesMailer.fromEnvironment(),
                System.getenv()), S3ExportStore.fromEnvironment());
    }

    /** Locally and in tests: exports are files under {@code EXPORT_FOLDER} (default .local/exports). */
    public RequestsApiHandler(HandlerSetup setup) {
        this(setup, new FolderExportStore(Path.of(setup.variable("EXPORT_FOLDER").orElse(".local/exports"))));
    }

    public RequestsApiHandler(HandlerSetup setup, ExportStore exportStore) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(setup.dynamoDb()).build();
        RequestRepository requests = new RequestRepository(enhanced, setup.tables().nameOf(RegisterTable.REQUESTS));
        AuditLog audit = new AuditLog(enhanced, setup.tables().nameOf(RegisterTable.AUDIT), setup.clock());
        LegalHolds legalHolds = new LegalHolds(setup.dynamoDb(), setup.tables());
        LegalHoldRoutes holds = new LegalHoldRoutes(HoldTarget.REQUEST, "requestId", legalHolds, audit, setup.clock());
        ContactRepository contacts = new ContactRepository(enhanced, setup.tables().nameOf(RegisterTable.CONTACTS));
        CustomerRepository customers = new CustomerRepository(enhanced, setup.tables().nameOf(RegisterTable.CUSTOMERS));
        ErasureFulfilment erasure = new ErasureFulfilment(contacts,
                new HistoryRepository(enhanced, setup.tables().nameOf(RegisterTable.HISTORY)),
                new CredentialRepository(enhanced, setup.tables().nameOf(RegisterTable.CREDENTIALS)),
                customers, requests, audit, legalHolds, setup.mailer());
        RestrictionFulfilment restriction = new RestrictionFulfilment(contacts, customers, requests, audit, setup.mailer());
        fi.dentalsystems.register.core.requests.AccessExport exports = new fi.dentalsystems.register.core.requests.AccessExport(
                contacts, customers, new HistoryRepository(enhanced, setup.tables().nameOf(RegisterTable.HISTORY)),
                new CredentialRepository(enhanced, setup.tables().nameOf(RegisterTable.CREDENTIALS)), requests,
                fi.dentalsystems.register.core.retention.RetentionPolicy.defaults());
        String publicBaseUrl = setup.variable("PUBLIC_BASE_URL")
                .orElseThrow(() -> new IllegalStateException("PUBLIC_BASE_URL is not set"));
        RequestAnswer answer = new RequestAnswer(requests, audit, setup.mailer());
        AccessFulfilment access = new AccessFulfilment(exports, exportStore, requests, audit, answer, publicBaseUrl);
        RectificationFulfilment rectification = new RectificationFulfilment(requests, audit, answer);
        RequestRoutes routes = new RequestRoutes(requests, erasure, restriction, access, rectification, contacts,
                customers, exports, audit, setup.mailer(), setup.clock(), publicBaseUrl);
        this.api = new HttpApiAdapter(List.of(
                new Route("POST /requests", STAFF, routes::create),
                new Route("GET /requests", STAFF, routes::list),
                new Route("GET /requests/{requestId}", STAFF, routes::get),
                new Route("POST /requests/{requestId}/verify", STAFF, routes::verify),
                new Route("POST /requests/{requestId}/extend", STAFF, routes::extend),
                new Route("POST /requests/{requestId}/classify", STAFF, routes::classify),
                new Route("POST /requests/{requestId}/complete", STAFF, routes::complete),
                new Route("POST /requests/{requestId}/lift", STAFF, routes::lift),
                new Route("GET /requests/{requestId}/records", STAFF, routes::records),
                new Route("GET /requests/{requestId}/export", STAFF, routes::export),
                new Route("POST /requests/{requestId}/reject", STAFF, routes::reject),
                new Route("GET /requests/{requestId}/hold", ADMIN, holds::get),
                new Route("PUT /requests/{requestId}/hold", ADMIN, holds::put),
                new Route("DELETE /requests/{requestId}/hold", ADMIN, holds::delete)),
                MAX_BODY_BYTES);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    @Override
    public Set<String> routeKeys() {
        return api.routeKeys();
    }
}
