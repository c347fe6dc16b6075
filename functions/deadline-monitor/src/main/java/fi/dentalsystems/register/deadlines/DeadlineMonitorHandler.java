package fi.dentalsystems.register.deadlines;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.retention.VerificationPolicy;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Scheduled daily (EventBridge Scheduler, Europe/Helsinki): first the requests whose link was never
 * opened (the one reminder, the closing UNVERIFIED: {@link UnverifiedRequests}, issue 11), then the
 * deadline summary. The event may carry {@code now} (ISO instant) to see a future day: the summary
 * is then as of that day, and the reminders and closings run on it only where the function is
 * configured to allow a moved clock ({@value #CLOCK_OVERRIDE}: the local runtime, {@code ./dev
 * deadlines --now ...}) — in AWS they would mail and close early. Answers the ids it acted on.
 */
public final class DeadlineMonitorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineMonitorHandler.class);

    static final String CLOCK_OVERRIDE = "DEADLINE_CLOCK_OVERRIDE";

    private final Register register;
    private final DeadlineMonitor monitor;
    private final UnverifiedRequests unverified;
    private final FollowUps followUps;
    private final java.time.Clock clock;
    private final boolean clockOverrideAllowed;

    public DeadlineMonitorHandler() {
        this(HandlerSetup.fromEnvironment(SesMailer.fromEnvironment()), DeadlineMonitorHandler::emitMetrics);
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    public DeadlineMonitorHandler(HandlerSetup setup) {
        this(setup, (overdue, dueSoon) -> { });
    }

    DeadlineMonitorHandler(HandlerSetup setup, DeadlineMonitor.Counts counts) {
        Register register = new Register(setup);
        this.register = register;
        this.monitor = new DeadlineMonitor(register.requests(), register.audit(), register.mailer(), counts,
                register.requiredVariable("REGISTER_CONTACT_EMAIL"));
        this.unverified = new UnverifiedRequests(register.requests(), register.audit(), register.mailer(),
                register.mails(), VerificationPolicy.defaults(), register.requiredVariable("PUBLIC_BASE_URL"));
        this.followUps = new FollowUps(register.requests(), register.audit());
        this.clock = register.clock();
        this.clockOverrideAllowed = register.variable(CLOCK_OVERRIDE).filter("allowed"::equals).isPresent();
    }

    /** Powertools metrics (EMF on stdout in Lambda); package-private so a test runs it for real once. */
    static void emitMetrics(int overdue, int dueSoon) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric("RequestsOverdue", overdue, MetricUnit.COUNT);
        metrics.addMetric("RequestsDueSoon", dueSoon, MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationLogging.around(context, () -> run(event));
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    private Map<String, Object> run(Map<String, Object> event) {
        Instant realNow = clock.instant();
        Instant now = realNow;
        Object given = event == null ? null : event.get("now");
        if (given instanceof String text) {
            try {
                now = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("now must be an ISO-8601 instant");
            }
        }
        boolean act = now.equals(realNow) || clockOverrideAllowed;
        UnverifiedRequests.Done done = act ? unverified.run(now) : new UnverifiedRequests.Done(List.of(), List.of());
        // a lapsed link is recorded as of the real day only (a moved clock would record it early)
        List<String> expired = act ? followUps.recordLapsedExportLinks(now) : List.of();
        DeadlineReport report = monitor.run(now, followUps.lettersToShred(now));
        LOG.info("deadlines checked", entry("overdue", report.overdue().size()), entry("dueSoon", report.dueSoon().size()),
                entry("reminded", done.reminded().size()), entry("closedUnverified", done.closed().size()),
                entry("exportLinksExpired", expired.size()), entry("lettersToShred", report.lettersToShred().size()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("now", now.toString());
        answer.put("overdue", report.overdue().stream().map(r -> r.requestId()).toList());
        answer.put("dueSoon", report.dueSoon().stream().map(r -> r.requestId()).toList());
        answer.put("reminded", done.reminded());
        answer.put("closedUnverified", done.closed());
        answer.put("exportLinksExpired", expired);
        answer.put("lettersToShred", report.lettersToShred());
        if (!act) {
            answer.put("remindersAndClosings", "skipped: a moved clock would mail and close early");
        }
        return answer;
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS));
        Priming.deadlineQuery(register);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
