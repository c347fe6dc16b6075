package fi.dentalsystems.register.local;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./dev redrive}: replays every event parked in .local/dlq/, oldest first, once each, through
 * the function it was for. A replayed event leaves the queue; one that fails again stays (and is
 * counted). Safe to run twice: every handler is idempotent by deterministic ids (a request per message
 * identity, one objection per request, the purge's checkpoint), so nothing is made twice.
 */
final class LocalRedrive {
    record Result(int replayed, int stillParked) {
    }

    private final LocalDeadLetters deadLetters;
    private final Map<String, Function<Map<String, Object>, Object>> replayers;

    LocalRedrive(LocalDeadLetters deadLetters, Map<String, Function<Map<String, Object>, Object>> replayers) {
        this.deadLetters = deadLetters;
        this.replayers = replayers;
    }

    Result run() {
        int replayed = 0;
        int failed = 0;
        for (LocalDeadLetters.Parked parked : deadLetters.all()) {
            Function<Map<String, Object>, Object> replay = replayers.get(parked.functionId());
            if (replay == null) {
                System.out.println("[redrive] " + parked.file().getFileName() + ": no local function "
                        + parked.functionId());
                failed++;
                continue;
            }
            try {
                Object result = replay.apply(parked.event());
                deadLetters.remove(parked);
                replayed++;
                System.out.println("[redrive] " + parked.functionId() + " " + parked.file().getFileName() + " → " + result);
            } catch (RuntimeException e) {
                failed++;
                System.out.println("[redrive] " + parked.functionId() + " " + parked.file().getFileName()
                        + " failed again: " + e.getClass().getSimpleName() + " (it stays parked)");
            }
        }
        return new Result(replayed, failed);
    }
}
