package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
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

    LocalRequestsStream(RequestRepository requests, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                List<DataSubjectRequest> verified = requests.byStatusDueBefore(RequestStatus.VERIFIED,
                        Instant.parse("9999-12-31T00:00:00Z"), 100, Optional.empty()).items();
                List<Object> records = verified.stream().filter(r -> r.type() == RequestType.OBJECTION)
                        .map(r -> (Object) Map.of("eventName", "MODIFY", "dynamodb", Map.of("NewImage", Map.of(
                                "requestId", Map.of("S", r.requestId()), "status", Map.of("S", "VERIFIED"),
                                "type", Map.of("S", "OBJECTION"))))).toList();
                if (!records.isEmpty()) {
                    System.out.println("[stream] " + handler.handleRequest(Map.of("Records", records), null));
                }
            } catch (RuntimeException e) {
                System.out.println("[stream] failed: " + e.getClass().getSimpleName());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
