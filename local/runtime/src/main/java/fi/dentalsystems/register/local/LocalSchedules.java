package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fi.dentalsystems.register.local.support.SamTemplate;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the template's scheduled functions locally, as EventBridge Scheduler would: a run that fails is
 * retried as the schedule's RetryPolicy says, then parked in .local/dlq/ (the schedule's dead-letter
 * queue in AWS) for ./dev redrive. The local scheduler reads the daily form the template uses,
 * {@code cron(M H * * ? *)} in a time zone.
 */
final class LocalSchedules implements AutoCloseable {
    private static final Pattern DAILY = Pattern.compile("cron\\((\\d{1,2}) (\\d{1,2}) \\* \\* \\? \\*\\)");

    record Job(String functionId, SamTemplate.Schedule schedule, LocalAsyncInvoke invoke) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-schedules");
        t.setDaemon(true);
        return t;
    });
    private final List<String> described = new ArrayList<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    LocalSchedules(SamTemplate template, Function<SamTemplate.Function, Object> instantiate, List<Duration> retryDelays,
                   LocalDeadLetters deadLetters) {
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.Schedule schedule : function.schedules()) {
                Matcher m = DAILY.matcher(schedule.expression());
                if (!m.matches()) {
                    described.add(function.logicalId() + ": " + schedule.expression() + " (not run locally)");
                    continue;
                }
                var handler = (RequestHandler<Map<String, Object>, Map<String, Object>>) instantiate.apply(function);
                LocalAsyncInvoke invoke = new LocalAsyncInvoke(function.logicalId(), event -> handler.handleRequest(event, null),
                        LocalAsyncInvoke.scheduleRetriesOf(function), retryDelays, deadLetters);
                Job job = new Job(function.logicalId(), schedule, invoke);
                jobs.put(function.logicalId(), job);
                int minute = Integer.parseInt(m.group(1));
                int hour = Integer.parseInt(m.group(2));
                ZoneId zone = ZoneId.of(schedule.timezone());
                scheduleNext(job, hour, minute, zone);
                described.add(function.logicalId() + ": daily at " + String.format("%02d:%02d", hour, minute) + " " + zone);
            }
        }
    }

    private void scheduleNext(Job job, int hour, int minute, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime next = now.withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        executor.schedule(() -> {
            job.invoke().submit(Map.of());
            scheduleNext(job, hour, minute, zone);
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a job now, as its schedule would (retries and parking included). */
    void runNow(String functionId) {
        jobs.get(functionId).invoke().submit(Map.of());
    }

    List<String> described() {
        return described;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        jobs.values().forEach(j -> j.invoke().close());
    }
}
