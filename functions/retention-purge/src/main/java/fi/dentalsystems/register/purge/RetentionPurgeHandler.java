package fi.dentalsystems.register.purge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Scheduled daily (EventBridge Scheduler, Europe/Helsinki): the retention purge. The event may
 * ask for {@code "dryRun": true} (report what would go, delete nothing) and carry {@code now}
 * (an ISO instant) to see a future day; a real run on a moved clock is refused unless the
 * function is configured to allow it (the local runtime only), because it would delete early.
 * Answers the report; writes it as an audit entry and metrics; logs ids and counts only.
 */
public final class RetentionPurgeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurgeHandler.class);
    static final String CLOCK_OVERRIDE = "PURGE_CLOCK_OVERRIDE";
    static final long SAFETY_MILLIS = 60_000;

    /** Where a run's counts go besides the audit entry and the log: CloudWatch metrics in Lambda. */
    interface ReportSink {
        void emit(PurgeReport report);
    }

    private final Register register;
    private final RetentionPurge purge;
    private final java.util.Optional<fi.dentalsystems.register.core.audit.AuditDigests> digests;
    private final Clock clock;
    private final boolean clockOverrideAllowed;
    private final ReportSink metrics;

    public RetentionPurgeHandler() {
        this(HandlerSetup.fromEnvironment(mail -> {
                    throw new IllegalStateException("the purge sends no mail");
                }), RetentionPurgeHandler::emitMetrics, RetentionPurge.BatchRead.none(),
                RetentionPurgeHandler::sleepQuietly);
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    /** Used by the local runtime and tests: no metrics backend. */
    public RetentionPurgeHandler(HandlerSetup setup) {
        this(setup, report -> { }, RetentionPurge.BatchRead.none(), RetentionPurgeHandler::sleepQuietly);
    }

    RetentionPurgeHandler(HandlerSetup setup, ReportSink metrics, RetentionPurge.BatchRead batchRead,
                          Backoff.Sleeper sleeper) {
        Register register = new Register(setup);
        this.register = register;
        // a closed request's first clock: reduced to evidence, its address kept as the peppered hash
        // (the pepper is read on first use, so a run with nothing to minimise reads no parameter)
        RequestEvidence evidence = (requestId, now) -> register.requests()
                .reduceToEvidence(requestId, address -> register.suppressionKeys().of(address), now);
        this.purge = new RetentionPurge(register.dynamoDb(), register.tables(), register.audit(), evidence,
                register.variable("PURGE_FIRST_DAY").map(LocalDate::parse).orElse(LocalDate.of(2026, 1, 1)),
                SAFETY_MILLIS, new Backoff(sleeper), batchRead, Clock.systemUTC(),
                register.variable("PURGE_IN_FLIGHT").map(Integer::parseInt).orElse(RetentionPurge.IN_FLIGHT));
        // the daily audit digest rides on the daily purge's schedule, retries and alarms (decision 0012)
        this.digests = register.variable("AUDIT_DIGEST_BUCKET").or(() -> register.variable("AUDIT_DIGEST_FOLDER"))
                .map(configured -> register.auditDigests());
        this.clock = register.clock();
        this.clockOverrideAllowed = register.variable(CLOCK_OVERRIDE).filter("allowed"::equals).isPresent();
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        RetentionPurge.TimeLeft timeLeft = context == null ? RetentionPurge.TimeLeft.unlimited()
                : context::getRemainingTimeInMillis;
        return InvocationLogging.around(context, () -> run(event, timeLeft, PurgeProgress.none()));
    }

    /** One run with no time limit, telling {@code progress} after each batch (the local command). */
    public Map<String, Object> run(Map<String, Object> event, PurgeProgress progress) {
        return run(event, RetentionPurge.TimeLeft.unlimited(), progress);
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS", justification = "constant messages; values are the run id, booleans and counts as structured arguments, written escaped by the JSON layout")
    Map<String, Object> run(Map<String, Object> event, RetentionPurge.TimeLeft timeLeft, PurgeProgress progress) {
        Map<String, Object> given = event == null ? Map.of() : event;
        boolean dryRun = Boolean.TRUE.equals(given.get("dryRun")) || "true".equals(given.get("dryRun"));
        Instant realNow = clock.instant();
        Instant now = realNow;
        if (given.get("now") instanceof String text) {
            try {
                now = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("now must be an ISO-8601 instant");
            }
            if (!dryRun && !clockOverrideAllowed && !now.equals(realNow)) {
                throw new IllegalArgumentException("a purge on a moved clock must be a dry run");
            }
        }
        PurgeReport report = purge.run(new RetentionPurge.Run(now, realNow, dryRun, timeLeft, progress));
        LOG.info(report.complete() ? "purge finished" : "purge cut off; the next run continues",
                entry("runId", report.runId()), entry("dryRun", dryRun), entry("deleted", report.deleted()),
                entry("minimised", report.total(Outcome.MINIMISED)),
                entry("held", report.total(Outcome.HELD)), entry("errors", report.total(Outcome.FAILED)),
                entry("batches", report.batches()), entry("consumedCapacity", report.consumedCapacity()));
        metrics.emit(report);
        Map<String, Object> answer = new java.util.LinkedHashMap<>(report.toMap());
        answer.put("now", now.toString());
        if (!dryRun && digests.isPresent()) {
            // after the purge: a digest that fails is retried by the schedule, and never holds the purge back
            Instant at = now;
            List<LocalDate> written = digests.get().catchUp(at);
            LOG.info("audit digests written", entry("days", written.stream().map(LocalDate::toString).toList()));
            answer.put("auditDigests", written.stream().map(LocalDate::toString).toList());
        }
        return answer;
    }

    /** Powertools metrics (EMF on stdout in Lambda); package-private so a test runs it for real once. */
    static void emitMetrics(PurgeReport report) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        for (DataCategory category : DataCategory.values()) {
            long deleted = report.count(category, Outcome.DELETED) + report.cascaded(category);
            if (deleted > 0 || report.count(category, Outcome.HELD) > 0) {
                String name = category.name().toLowerCase(Locale.ROOT);
                metrics.addMetric("Purged." + name, deleted, MetricUnit.COUNT);
                metrics.addMetric("Held." + name, report.count(category, Outcome.HELD), MetricUnit.COUNT);
            }
            if (report.count(category, Outcome.MINIMISED) > 0) {
                metrics.addMetric("Minimised." + category.name().toLowerCase(Locale.ROOT),
                        report.count(category, Outcome.MINIMISED), MetricUnit.COUNT);
            }
        }
        metrics.addMetric("PurgeErrors", report.total(Outcome.FAILED), MetricUnit.COUNT);
        metrics.addMetric("PurgeConsumedCapacity", report.consumedCapacity(), MetricUnit.COUNT);
        metrics.addMetric("PurgeComplete", report.complete() ? 1 : 0, MetricUnit.COUNT);
        metrics.flush();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS, RegisterTable.CUSTOMERS, RegisterTable.CONTACTS));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
