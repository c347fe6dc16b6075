package fi.dentalsystems.register.feedback;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: feedback logged request ids, kinds and outcomes, never the address a notification names. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void feedbackLogsIdsAndOutcomesOnly() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("\"outcome\":\"RECORDED\"").contains("VERIFICATION_BOUNCED");
        for (String personal : new String[] {"@example", "aino", "saga", "diagnosticCode", "550 5.1.1"}) {
            assertThat(log).as("a log line holds personal data").doesNotContain(personal);
        }
    }
}
