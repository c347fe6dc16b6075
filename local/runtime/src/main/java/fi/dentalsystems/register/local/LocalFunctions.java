package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.SamTemplate;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The template's non-HTTP functions as the local system builds them — the same handler classes, the
 * local engine, the local mailer, the variables a local run sets (public address, pepper, folders) —
 * and how each replays what its dead-letter queue holds. {@code ./dev up} and {@code ./dev redrive}
 * build them alike, and so do the end-to-end tests.
 */
final class LocalFunctions {
    private final SamTemplate template;
    private final DynamoDbClient client;
    private final Map<String, String> tables;
    private final Clock clock;
    private final Mailer mailer;
    private final Map<String, String> variables;

    LocalFunctions(SamTemplate template, DynamoDbClient client, Map<String, String> tables, Clock clock, Mailer mailer,
                   Map<String, String> variables) {
        this.template = template;
        this.client = client;
        this.tables = tables;
        this.clock = clock;
        this.mailer = mailer;
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.putIfAbsent("INBOUND_BUCKET", LocalSmtpIntake.BUCKET);
        all.putIfAbsent("INBOUND_PREFIX", "");
        this.variables = Map.copyOf(all);
    }

    SamTemplate template() {
        return template;
    }

    Object handler(SamTemplate.Function function) {
        return LocalApi.instantiate(template, function, client, tables, clock, mailer, variables);
    }

    Object handler(String functionId) {
        return handler(template.function(functionId).orElseThrow());
    }

    @SuppressWarnings("unchecked")
    RequestHandler<Map<String, Object>, Map<String, Object>> intake() {
        return (RequestHandler<Map<String, Object>, Map<String, Object>>) handler(LocalSmtpIntake.FUNCTION);
    }

    @SuppressWarnings("unchecked")
    RequestHandler<DynamodbEvent, Map<String, Object>> fulfilment() {
        return (RequestHandler<DynamodbEvent, Map<String, Object>>) handler(LocalRequestsStream.FUNCTION);
    }

    RequestRepository requests() {
        return new RequestRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(client).build(),
                tables.get("RequestsTable"));
    }

    int retries(String functionId) {
        return LocalAsyncInvoke.retriesOf(template.function(functionId).orElseThrow());
    }

    /**
     * How each function replays a parked event: the event itself for the intake (an S3 key) and the
     * jobs (a schedule's input); for the stream, a fresh record of the request the parked one named —
     * the handler acts on the stored request, as it does for every record.
     */
    @SuppressWarnings("unchecked")
    Map<String, Function<Map<String, Object>, Object>> replayers() {
        Map<String, Function<Map<String, Object>, Object>> replay = new LinkedHashMap<>();
        RequestHandler<Map<String, Object>, Map<String, Object>> intake = intake();
        replay.put(LocalSmtpIntake.FUNCTION, event -> intake.handleRequest(event, null));
        RequestHandler<DynamodbEvent, Map<String, Object>> fulfilment = fulfilment();
        RequestRepository requests = requests();
        replay.put(LocalRequestsStream.FUNCTION, event -> requests.find(String.valueOf(event.get("requestId")))
                .map(r -> fulfilment.handleRequest(LocalRequestsStream.event(r), null))
                .orElseThrow(() -> new IllegalStateException("the parked request is not in the table")));
        for (SamTemplate.Function function : template.functions()) {
            if (!function.schedules().isEmpty() && LocalSchedulesCanRun.daily(function)) {
                var job = (RequestHandler<Map<String, Object>, Map<String, Object>>) handler(function);
                replay.put(function.logicalId(), event -> job.handleRequest(event, null));
            }
        }
        return replay;
    }

    /** Which scheduled functions the local runtime runs (the daily ones; the others need AWS services). */
    static final class LocalSchedulesCanRun {
        private LocalSchedulesCanRun() {
        }

        static boolean daily(SamTemplate.Function function) {
            return function.schedules().stream().allMatch(s -> s.expression().startsWith("cron("));
        }
    }
}
