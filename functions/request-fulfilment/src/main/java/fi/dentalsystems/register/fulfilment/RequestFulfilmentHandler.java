package fi.dentalsystems.register.fulfilment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.RequestRepository;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
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
public final class RequestFulfilmentHandler implements RequestHandler<DynamodbEvent, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(RequestFulfilmentHandler.class);

    private final Register register;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final ObjectionFulfilment objections;
    private final Clock clock;

    public RequestFulfilmentHandler() {
        this(HandlerSetup.fromEnvironment(SesMailer.fromEnvironment()));
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    public RequestFulfilmentHandler(HandlerSetup setup) {
        Register register = new Register(setup);
        this.register = register;
        this.requests = register.requests();
        this.audit = register.audit();
        this.objections = register.objections();
        this.clock = register.clock();
    }

    @Override
    public Map<String, Object> handleRequest(DynamodbEvent event, Context context) {
        return InvocationLogging.around(context, () -> handle(event));
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    private Map<String, Object> handle(DynamodbEvent event) {
        List<String> fulfilled = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            Optional<String> requestId = requestId(record);
            if (requestId.isEmpty()) {
                continue;
            }
            // the stream image may be stale: act on the stored request
            Optional<DataSubjectRequest> request = requests.find(requestId.get());
            // VERIFIED: apply it; COMPLETED without its confirmation: a retried batch after a crash owes the mail
            AuditLog.Access access = new AuditLog.Access(new Caller("request-fulfilment", Set.of()), "Requests stream",
                    requestId.get(), Purpose.DIRECT_MARKETING.code());
            if (request.isEmpty()) {
                continue;
            }
            if (request.get().type() != RequestType.OBJECTION
                    || !(request.get().status() == RequestStatus.VERIFIED || (request.get().status() == RequestStatus.COMPLETED
                    && !RequestLifecycle.answered(request.get())))) {
                // read and found done (a retried batch) or not ours: audited all the same (issue 14)
                audit.record(access, AuditAction.READ, new AuditTarget(TargetType.REQUEST, request.get().requestId()));
                continue;
            }
            DataSubjectRequest done = objections.fulfil(request.get(), access, clock.instant());
            LOG.info("request fulfilled", entry("requestId", done.requestId()), entry("type", done.type().name()));
            fulfilled.add(done.requestId());
        }
        return Map.of("fulfilled", fulfilled);
    }

    /** The request id of the record's new image; none for a removal or a record without one. */
    private static Optional<String> requestId(DynamodbEvent.DynamodbStreamRecord record) {
        return Optional.ofNullable(record.getDynamodb())
                .map(StreamRecord::getNewImage)
                .map(image -> image.get("requestId"))
                .map(AttributeValue::getS);
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS, RegisterTable.CONTACTS));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
