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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in of the Requests table's stream (dynalite has no streams): every half
 * second it looks for what the template's filter lets through — VERIFIED OBJECTION requests —
 * and hands each to the fulfilment handler as a stream record.
 */
final class LocalRequestsStream implements AutoCloseable {
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "requests-stream");
        t.setDaemon(true);
        return t;
    });

    LocalRequestsStream(RequestRepository requests, RequestHandler<DynamodbEvent, Map<String, Object>> handler) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                List<DataSubjectRequest> verified = requests.byStatusDueBefore(RequestStatus.VERIFIED,
                        Instant.parse("9999-12-31T00:00:00Z"), 100, Optional.empty()).items();
                List<DynamodbEvent.DynamodbStreamRecord> records = verified.stream()
                        .filter(r -> r.type() == RequestType.OBJECTION).map(LocalRequestsStream::record).toList();
                if (!records.isEmpty()) {
                    DynamodbEvent event = new DynamodbEvent();
                    event.setRecords(records);
                    System.out.println("[stream] " + handler.handleRequest(event, null));
                }
            } catch (RuntimeException e) {
                System.out.println("[stream] failed: " + e.getClass().getSimpleName());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
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
