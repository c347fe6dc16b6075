package fi.dentalsystems.register.intake;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: intake logged SES ids and outcomes, never a sender, a subject or a body. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void intakeLogsIdsAndOutcomesOnly() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("\"outcome\":\"CREATED\"").contains("\"outcome\":\"PARKED\"").contains("sesMessageId");
        for (String personal : new String[] {"@example", "Aino", "Saga", "Tarkastuspyynt", "131052-308T",
                "4111 1111", "haluan", "verify?token"}) {
            assertThat(log).as("a log line holds personal data or mail content").doesNotContain(personal);
        }
    }
}
