package fi.dentalsystems.register.purge;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retries of throttled calls, like a batch's unprocessed items: exponential backoff with jitter
 * (half to the whole of the ceiling), capped, for at most {@value #MAX_ROUNDS} rounds. Any other
 * error is not retried.
 */
final class Backoff {
    static final int MAX_ROUNDS = 6;
    private static final long BASE_MILLIS = 50;
    private static final long CAP_MILLIS = 3_200;

    interface Sleeper {
        void sleep(long millis);
    }

    private final Sleeper sleeper;

    Backoff(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * Tries each item, then the throttled ones again after a pause, round by round; an item that
     * fails otherwise goes to {@code failed} and is not tried again. Answers those still throttled.
     */
    <T> List<T> each(List<T> items, Consumer<T> attempt, Consumer<SdkServiceException> failed) {
        return each(items, attempt, failed, Runnable::run);
    }

    /**
     * The same, each round's attempts run on {@code inFlight} (a bounded pool: a handful at once);
     * the round ends when all of them have, so a throttled round still pauses before the next.
     */
    <T> List<T> each(List<T> items, Consumer<T> attempt, Consumer<SdkServiceException> failed, Executor inFlight) {
        List<T> pending = items;
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            if (round > 0) {
                pause(round);
            }
            Queue<T> throttled = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> attempts = new ArrayList<>();
            for (T item : pending) {
                attempts.add(CompletableFuture.runAsync(() -> {
                    try {
                        attempt.accept(item);
                    } catch (SdkServiceException e) {
                        if (isThrottling(e)) {
                            throttled.add(item);
                        } else {
                            failed.accept(e);
                        }
                    }
                }, inFlight));
            }
            try {
                CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                // anything but a service error is a fault of the purge itself: it stops the run, as before
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            pending = List.copyOf(throttled);
        }
        return pending;
    }

    /** Runs one step, again after a pause while it is throttled; throttled past the last round, it throws. */
    <T> T retried(Supplier<T> step) {
        for (int round = 0; ; round++) {
            try {
                return step.get();
            } catch (SdkServiceException e) {
                if (!isThrottling(e) || round + 1 >= MAX_ROUNDS) {
                    throw e;
                }
                pause(round + 1);
            }
        }
    }

    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "backoff jitter, not a secret")
    private void pause(int round) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << round);
        sleeper.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static boolean isThrottling(SdkServiceException e) {
        return e instanceof ProvisionedThroughputExceededException || e.isThrottlingException()
                || (e instanceof DynamoDbException d
                && d.awsErrorDetails() != null && "RequestLimitExceeded".equals(d.awsErrorDetails().errorCode()));
    }
}
