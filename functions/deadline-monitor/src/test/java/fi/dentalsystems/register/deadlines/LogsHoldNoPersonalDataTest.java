package fi.dentalsystems.register.deadlines;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: what the reminders, the closings and the summary logged holds ids and counts only. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void theDailyRunLogsNoPersonalData() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the run must have logged, or this proves nothing").contains("deadlines checked")
                .contains("reminded").contains("closedUnverified");
        assertThat(log).doesNotContain("@example.fi").doesNotContain("Saara").doesNotContain("Secret Name")
                .doesNotContain("poistakaa").doesNotContain("token=").doesNotContain("hilkka.salonen");
    }
}
