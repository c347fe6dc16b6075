package fi.dentalsystems.register.purge;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: what the purge logged in every other test holds ids and counts, no personal data. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void thePurgeLogsIdsAndCountsOnly() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the run must have logged, or this proves nothing").contains("purge finished")
                .contains("purge cut off");
        assertThat(log).doesNotContain("@klinikka.example").doesNotContain("@example.fi").doesNotContain("Maija")
                .doesNotContain("Meikäläinen").doesNotContain("Matti Virtanen").doesNotContain("Hammaslääkäri")
                .doesNotContain("+35840").doesNotContain("Support call").doesNotContain("claim 2026");
    }
}
