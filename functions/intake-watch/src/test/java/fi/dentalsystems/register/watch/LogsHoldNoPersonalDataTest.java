package fi.dentalsystems.register.watch;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: the watch logged numbers only. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void theWatchLogsNumbersOnly() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("oldestUnprocessedSeconds").doesNotContain("@").doesNotContain("inbound/");
    }
}
