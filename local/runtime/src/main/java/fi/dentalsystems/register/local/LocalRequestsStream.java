package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.OperationType;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.SamTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The local stand-in of the Requests table's stream (dynalite has no streams): every half second it
 * looks for what the template's filter lets through — VERIFIED OBJECTION requests — and hands each to
 * the fulfilment handler as a stream record. A record that keeps failing is retried as often as the
 * mapping's MaximumRetryAttempts says, then parked in .local/dlq/ (its request id) and left alone
 * until ./dev redrive, as the mapping's on-failure destination does in AWS.
 */
final class LocalRequestsStream implements AutoCloseable {
    static final String FUNCTION = "RequestFulfilmentFunction";

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "requests-stream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    LocalRequestsStream(RequestRepository requests, RequestHandler<DynamodbEvent, Map<String, Object>> handler,
                        int retries, LocalDeadLetters deadLetters) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                Set<Object> parked = deadLetters.of(FUNCTION).stream().map(p -> p.event().get("requestId"))
                        .collect(Collectors.toSet());
                List<DataSubjectRequest> verified = requests.byStatusDueBefore(RequestStatus.VERIFIED,
                        Instant.parse("9999-12-31T00:00:00Z"), 100, Optional.empty()).items();
                for (DataSubjectRequest r : verified) {
                    if (r.type() != RequestType.OBJECTION || parked.contains(r.requestId())) {
                        continue;
                    }
                    try {
                        System.out.println("[stream] " + handler.handleRequest(event(r), null));
                        failures.remove(r.requestId());
                    } catch (RuntimeException e) {
                        int failed = failures.merge(r.requestId(), 1, Integer::sum);
                        System.out.println("[stream] " + r.requestId() + " failed (" + failed + "): "
                                + e.getClass().getSimpleName());
                        if (failed > retries) {
                            failures.remove(r.requestId());
                            deadLetters.park(FUNCTION, Map.of("requestId", r.requestId()), failed, e);
                        }
                    }
                }
            } catch (RuntimeException e) {
                System.out.println("[stream] failed: " + e.getClass().getSimpleName());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The mapping's retries (template: VerifiedObjections MaximumRetryAttempts). */
    static int retriesOf(SamTemplate.Function function) {
        Object events = function.properties().get("Events");
        if (events instanceof Map<?, ?> all) {
            for (Object e : all.values()) {
                if (e instanceof Map<?, ?> event && "DynamoDB".equals(event.get("Type"))
                        && event.get("Properties") instanceof Map<?, ?> p && p.get("MaximumRetryAttempts") instanceof Number n) {
                    return n.intValue();
                }
            }
        }
        return 10;
    }

    static DynamodbEvent event(DataSubjectRequest r) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record(r)));
        return event;
    }

    /** The record the stream delivers for the request's update, with the attributes the filter reads. */
    static DynamodbEvent.DynamodbStreamRecord record(DataSubjectRequest r) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(OperationType.MODIFY);
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of("requestId", new AttributeValue().withS(r.requestId())))
                .withNewImage(Map.of("requestId", new AttributeValue().withS(r.requestId()),
                        "status", new AttributeValue().withS(r.status().name()),
                        "type", new AttributeValue().withS(r.type().name())))
                .withStreamViewType(StreamViewType.NEW_IMAGE));
        return record;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
