package fi.dentalsystems.register.watch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Scheduled every 15 minutes (EventBridge Scheduler): emits UnprocessedMailOldestAgeSeconds and
 * ParkedMailOlderThanADay, logs them, answers them. Numbers only.
 */
public final class IntakeWatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeWatchHandler.class);

    /** Where the numbers go: Powertools metrics in Lambda. */
    interface Sink {
        void emit(IntakeWatch.Report report);
    }

    private final Register register;
    private final IntakeWatch watch;
    private final Clock clock;
    private final Sink sink;

    public IntakeWatchHandler() {
        this(HandlerSetup.fromEnvironment(mail -> {
            throw new IllegalStateException("the watch sends no mail");
        }), new S3RawMailListing(S3Client.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build(), System.getenv("INBOUND_BUCKET"), System.getenv("INBOUND_PREFIX")), IntakeWatchHandler::emitMetrics);
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    IntakeWatchHandler(HandlerSetup setup, RawMailListing inbound, Sink sink) {
        Register register = new Register(setup);
        this.register = register;
        this.watch = new IntakeWatch(inbound, register.requests());
        this.clock = register.clock();
        this.sink = sink;
    }

    private static void emitMetrics(IntakeWatch.Report report) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric("UnprocessedMailOldestAgeSeconds", report.oldestUnprocessedSeconds(), MetricUnit.SECONDS);
        metrics.addMetric("ParkedMailOlderThanADay", report.parkedOlderThanADay(), MetricUnit.COUNT);
        metrics.flush();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationLogging.around(context, this::run);
    }

    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are numbers as structured arguments, written escaped by the "
                    + "JSON layout")
    private Map<String, Object> run() {
        IntakeWatch.Report report = watch.run(clock.instant());
        sink.emit(report);
        LOG.info("intake watched", entry("oldestUnprocessedSeconds", report.oldestUnprocessedSeconds()),
                entry("parkedOlderThanADay", report.parkedOlderThanADay()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("oldestUnprocessedSeconds", report.oldestUnprocessedSeconds());
        answer.put("parkedOlderThanADay", report.parkedOlderThanADay());
        return answer;
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // its role may only query the deadline index (template.yaml): no GetItem
        Priming.deadlineQuery(register);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
