package fi.dentalsystems.register.reapply;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.requests.ErasureReapplication;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Invoked by hand after a restore from backup (README, Restoring from backup; decision 0017) with
 * {@code {"since": "<restore point, ISO-8601 instant>"}}: every erasure the ledger holds since then
 * is applied again to the tables the function is pointed at. Adapts the event only: the work is
 * core's {@link ErasureReapplication}. Answers and logs the run id, the request ids and counts.
 */
public final class ReapplyErasuresHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(ReapplyErasuresHandler.class);

    private final Register register;
    private final ErasureReapplication reapplication;
    private final Clock clock;

    public ReapplyErasuresHandler() {
        this(HandlerSetup.fromEnvironment(mail -> {
            throw new IllegalStateException("re-applying erasures sends no mail: the answers went at the erasure");
        }));
    }

    public ReapplyErasuresHandler(HandlerSetup setup) {
        Register register = new Register(setup);
        this.register = register;
        this.reapplication = register.erasureReapplication();
        this.clock = register.clock();
        Core.getGlobalContext().register(this);
    }

    /**
     * SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest) — a GetItem of a
     * key no item has on the tables whose records an erasure is re-applied to.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.CONTACTS, RegisterTable.CUSTOMERS, RegisterTable.REQUESTS));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationLogging.around(context, () -> run(event));
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids and numbers as structured arguments, written "
                    + "escaped by the JSON layout")
    private Map<String, Object> run(Map<String, Object> event) {
        Object given = event == null ? null : event.get("since");
        if (!(given instanceof String text) || text.isBlank()) {
            // a run without a restore point would re-apply nothing or everything: neither is meant
            throw new IllegalArgumentException("since (the restore point, an ISO-8601 instant) is required");
        }
        Instant since;
        try {
            since = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant, such as 2026-11-20T00:00:00Z", e);
        }
        ErasureReapplication.Report report = reapplication.reapply(since, clock.instant());
        LOG.info("erasures applied again", entry("runId", report.runId()), entry("since", report.since().toString()),
                entry("requestIds", report.requestIds()), entry("counts", report.counts()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", report.runId());
        answer.put("since", report.since().toString());
        answer.put("requestIds", report.requestIds());
        answer.put("counts", report.counts());
        return answer;
    }
}
