package fi.dentalsystems.register.watch;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.ReadOnlyPriming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch's SnapStart priming (decision 0019) reads, as its role allows, and lists, emits and writes nothing. */
class IntakeWatchPrimingTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @TempDir
    Path folder;

    @Test
    void theWatchsPrimingOnlyReadsWhatItsRoleMayRead() {
        AtomicInteger listed = new AtomicInteger();
        AtomicInteger emitted = new AtomicInteger();
        ReadOnlyPriming priming = ReadOnlyPriming.of(ENGINE, "IntakeWatchFunction", folder, setup -> {
            IntakeWatchHandler handler = new IntakeWatchHandler(setup, () -> {
                listed.incrementAndGet();
                return Optional.empty();
            }, report -> emitted.incrementAndGet());
            return () -> handler.beforeCheckpoint(null);
        });

        assertThat(priming.calls()).isNotEmpty().allMatch(c -> ReadOnlyPriming.READS.contains(c.action()));
        assertThat(priming.notAllowed()).isEmpty();
        assertThat(priming.readOnly()).isTrue();
        assertThat(emitted).hasValue(0);
        assertThat(listed).hasValue(0);
    }
}
