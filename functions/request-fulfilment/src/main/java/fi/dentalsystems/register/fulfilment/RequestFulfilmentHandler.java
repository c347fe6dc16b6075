package fi.dentalsystems.register.fulfilment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.store.DynamoDbConnection;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Applies what a verified request asks for without a staff step (today: OBJECTION, seed §12).
 * Triggered by the Requests table's stream, filtered to VERIFIED OBJECTION items, so the
 * public function that verifies a link needs no access to contacts. Re-runnable: a record seen
 * twice finds the request already COMPLETED and does nothing.
 */
public final class RequestFulfilmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestFulfilmentHandler.class);

    private final RequestRepository requests;
    private final ObjectionFulfilment objections;
    private final Clock clock;

    public RequestFulfilmentHandler() {
        this(new HandlerSetup(DynamoDbConnection.fromEnvironment(), TableNames.fromEnvironment(), Clock.systemUTC(),
                SesMailer.fromEnvironment(), System.getenv()));
    }

    public RequestFulfilmentHandler(HandlerSetup setup) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(setup.dynamoDb()).build();
        TableNames tables = setup.tables();
        this.requests = new RequestRepository(enhanced, tables.nameOf(RegisterTable.REQUESTS));
        this.objections = new ObjectionFulfilment(
                new ContactRepository(enhanced, tables.nameOf(RegisterTable.CONTACTS)),
                new CustomerRepository(enhanced, tables.nameOf(RegisterTable.CUSTOMERS)),
                new SuppressionRepository(enhanced, tables.nameOf(RegisterTable.SUPPRESSION)),
                new SuppressionKey(Pepper.from(setup::variable)), requests,
                new AuditLog(enhanced, tables.nameOf(RegisterTable.AUDIT), setup.clock()), setup.mailer());
        this.clock = setup.clock();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context == null) {
            return handle(event);
        }
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    @SuppressWarnings("unchecked")
    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    private Map<String, Object> handle(Map<String, Object> event) {
        List<String> fulfilled = new ArrayList<>();
        for (Object record : (List<Object>) event.getOrDefault("Records", List.of())) {
            Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) record)
                    .getOrDefault("dynamodb", Map.of())).getOrDefault("NewImage", Map.of());
            Optional<String> requestId = Optional.ofNullable((Map<String, Object>) image.get("requestId"))
                    .map(v -> String.valueOf(v.get("S")));
            if (requestId.isEmpty()) {
                continue;
            }
            // the stream image may be stale: act on the stored request
            Optional<DataSubjectRequest> request = requests.find(requestId.get());
            // VERIFIED: apply it; COMPLETED without its confirmation: a retried batch after a crash owes the mail
            if (request.isEmpty() || request.get().type() != RequestType.OBJECTION
                    || !(request.get().status() == RequestStatus.VERIFIED || (request.get().status() == RequestStatus.COMPLETED
                    && !fi.dentalsystems.register.core.domain.RequestLifecycle.answered(request.get())))) {
                continue;
            }
            DataSubjectRequest done = objections.fulfil(request.get(), new AuditLog.Access(
                    new Caller("request-fulfilment", Set.of()), "Requests stream", requestId.get(),
                    Purpose.DIRECT_MARKETING.code()), clock.instant());
            LOG.info("request fulfilled", entry("requestId", done.requestId()), entry("type", done.type().name()));
            fulfilled.add(done.requestId());
        }
        return Map.of("fulfilled", fulfilled);
    }
}
