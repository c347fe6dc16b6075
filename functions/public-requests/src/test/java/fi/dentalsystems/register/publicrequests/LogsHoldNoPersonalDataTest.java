package fi.dentalsystems.register.publicrequests;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last in this module: what the public routes logged holds no address, name or number sent to them. */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPersonalDataTest {
    @Test
    void thePublicRoutesLogNoPersonalData() throws IOException {
        String log = Files.readString(Path.of("target/test-logs/run.log"), StandardCharsets.UTF_8);
        assertThat(log.lines().count()).as("the run must have logged, or this proves nothing").isGreaterThan(10);
        assertThat(log).contains("POST /public/requests").contains("GET /public/verify").contains("POST /public/verify")
                .contains("GET /public/exports/{token}").contains("POST /public/exports/{token}");
        // an export link's path holds its secret: only the route's template may appear
        assertThat(log).doesNotContain("/public/exports/req_").doesNotContain("Liisa").doesNotContain("liisa@");
        assertThat(log).doesNotContain("@example.fi").doesNotContain("hilkka.salonen").doesNotContain("Aino")
                .doesNotContain("131052-308T").doesNotContain("4111 1111").doesNotContain("token=");
        // a verification link's secret, posted by the button, stays out too (issue 11)
        assertThat(log).doesNotContainPattern("req_[0-9A-Z]{26}\\.[A-Za-z0-9_-]{20,}");
    }
}
