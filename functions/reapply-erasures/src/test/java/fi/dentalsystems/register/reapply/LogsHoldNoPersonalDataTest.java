package fi.dentalsystems.register.reapply;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: the job logged ids and counts, never the people it erased again. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void theJobLogsIdsAndCountsOnly() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("erasures applied again").contains("contactsDeleted").doesNotContain("@")
                .doesNotContain("Erkki").doesNotContain("Kaisa").doesNotContain("Liisa").doesNotContain("+358");
    }
}
