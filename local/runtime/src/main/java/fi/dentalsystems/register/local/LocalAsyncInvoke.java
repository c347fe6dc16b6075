package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.SamTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An asynchronous invocation as Lambda makes it: the first attempt, then the retries the template
 * configures (EventInvokeConfig, a schedule's RetryPolicy), each after a delay, then the event is
 * parked in the local dead-letter queue — never dropped. Lambda waits a minute, then two; locally
 * the delays are seconds (tests: none).
 */
final class LocalAsyncInvoke implements AutoCloseable {
    private final String functionId;
    private final Function<Map<String, Object>, Object> handler;
    private final int retries;
    private final List<Duration> delays;
    private final LocalDeadLetters deadLetters;
    private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "async-retries");
        t.setDaemon(true);
        return t;
    });

    /** How asynchronous events are retried and where they are parked. */
    record Settings(int retries, List<Duration> delays, LocalDeadLetters deadLetters) {
        /** As ./dev up runs: the template's retries, a few seconds between them (Lambda waits minutes). */
        static Settings local(int retries, LocalDeadLetters deadLetters) {
            return new Settings(retries, List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), deadLetters);
        }
    }

    LocalAsyncInvoke(String functionId, Function<Map<String, Object>, Object> handler, int retries,
                     List<Duration> delays, LocalDeadLetters deadLetters) {
        this.functionId = functionId;
        this.handler = handler;
        this.retries = retries;
        this.delays = delays;
        this.deadLetters = deadLetters;
    }

    /** The retries an asynchronous event gets: the function's EventInvokeConfig (Lambda's default: 2). */
    static int retriesOf(SamTemplate.Function function) {
        Object config = function.properties().get("EventInvokeConfig");
        if (config instanceof Map<?, ?> m && m.get("MaximumRetryAttempts") instanceof Number n) {
            return n.intValue();
        }
        return 2;
    }

    /** The retries a schedule gives a failed run: its RetryPolicy (EventBridge Scheduler's default: 185). */
    static int scheduleRetriesOf(SamTemplate.Function function) {
        Object events = function.properties().get("Events");
        if (events instanceof Map<?, ?> all) {
            for (Object e : all.values()) {
                if (e instanceof Map<?, ?> event && event.get("Properties") instanceof Map<?, ?> p
                        && p.get("RetryPolicy") instanceof Map<?, ?> policy
                        && policy.get("MaximumRetryAttempts") instanceof Number n) {
                    return n.intValue();
                }
            }
        }
        return 185;
    }

    /** The first attempt, here and now: its result, or its failure for the caller to judge. */
    Object attempt(Map<String, Object> event) {
        return handler.apply(event);
    }

    /** After a first attempt that failed: the remaining retries in the background, then the dead-letter queue. */
    void retryLater(Map<String, Object> event, RuntimeException first) {
        schedule(event, 1, first);
    }

    /** The whole invocation in the background: first attempt, retries, parking. */
    void submit(Map<String, Object> event) {
        retrier.execute(() -> run(event, 0, null));
    }

    private void schedule(Map<String, Object> event, int attempt, RuntimeException last) {
        if (attempt > retries) {
            deadLetters.park(functionId, event, attempt, last);
            return;
        }
        Duration delay = delays.isEmpty() ? Duration.ZERO : delays.get(Math.min(attempt - 1, delays.size() - 1));
        retrier.schedule(() -> run(event, attempt, last), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(Map<String, Object> event, int attempt, RuntimeException last) {
        try {
            Object result = handler.apply(event);
            System.out.println("[" + functionId + "] " + (attempt == 0 ? "" : "retry " + attempt + " → ") + result);
        } catch (RuntimeException e) {
            System.out.println("[" + functionId + "] attempt " + (attempt + 1) + " failed: " + e.getClass().getSimpleName());
            schedule(event, attempt + 1, e);
        }
    }

    @Override
    public void close() {
        retrier.shutdownNow();
    }
}
