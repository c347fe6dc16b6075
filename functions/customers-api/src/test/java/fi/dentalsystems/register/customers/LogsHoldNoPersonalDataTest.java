package fi.dentalsystems.register.customers;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class of this module (junit-platform.properties orders by
 * {@code @Order}): reads everything the run logged, in the production JSON layout, and
 * looks for each piece of personal data the tests sent.
 */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {

    @Test
    void noPersonalDataTheTestsUsedAppearsInAnyLogLine() throws IOException {
        Path log = Path.of("target/test-logs/run.log");
        assertThat(log).exists();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines).as("the run must have logged something, or this test proves nothing").hasSizeGreaterThan(20);
        assertThat(text).contains("\"routeKey\"").contains("\"requestId\"");
        assertThat(TestPeople.used()).as("the other test classes registered their data").hasSizeGreaterThan(50);
        String lower = text.toLowerCase(Locale.ROOT);
        for (String value : TestPeople.used()) {
            assertThat(lower).as("a log line holds personal data used by a test").doesNotContain(value.toLowerCase(Locale.ROOT));
        }
    }
}
