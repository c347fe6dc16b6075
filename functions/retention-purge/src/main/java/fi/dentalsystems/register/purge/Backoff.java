package fi.dentalsystems.register.purge;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.util.ArrayList;
import java.util.List;
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
        List<T> pending = items;
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            if (round > 0) {
                pause(round);
            }
            List<T> throttled = new ArrayList<>();
            for (T item : pending) {
                try {
                    attempt.accept(item);
                } catch (SdkServiceException e) {
                    if (!isThrottling(e)) {
                        failed.accept(e);
                        continue;
                    }
                    throttled.add(item);
                }
            }
            pending = throttled;
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
