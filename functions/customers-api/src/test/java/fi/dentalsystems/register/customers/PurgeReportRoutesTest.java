package fi.dentalsystems.register.customers;

import com.fasterxml.jackson.databind.JsonNode;
import fi.dentalsystems.register.core.store.PurgeReports;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /purge/reports: the purge's run reports of a range of days, newest first, for admins only. */
class PurgeReportRoutesTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static ApiClient api;
    static PurgeReports reports;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.fixed(NOW, ZoneOffset.UTC)));
        reports = new PurgeReports(ENGINE.client(), ENGINE.tables().nameOf(RegisterTable.JOBS));
    }

    private static PurgeReports.Report report(String runId, String at, boolean dryRun, long deleted, long held) {
        return new PurgeReports.Report(runId, Instant.parse(at), dryRun, true, deleted, 0, held, 0, 0,
                Map.of("contacts.deleted", deleted, "contacts.held", held, "batches", 1L));
    }

    @Test
    void anAdminReadsTheRunsOfTheDaysAskedNewestFirstWithTheirCounts() {
        reports.add(report("pur_01KAAAAAAAAAAAAAAAAAAAAAA1", "2026-11-10T03:00:00Z", false, 4, 1));
        reports.add(report("pur_01KAAAAAAAAAAAAAAAAAAAAAA2", "2026-11-11T03:00:00Z", false, 2, 0));
        reports.add(report("pur_01KAAAAAAAAAAAAAAAAAAAAAA3", "2026-11-11T09:15:00Z", true, 7, 0));
        reports.add(report("pur_01KAAAAAAAAAAAAAAAAAAAAAA4", "2026-11-13T03:00:00Z", false, 1, 0));

        ApiClient.Answer answer = api.asAdmin("GET", "/purge/reports", b -> b.query("from", "2026-11-10").query("to", "2026-11-11"));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().path("items");
        assertThat(items.findValuesAsText("runId")).containsExactly("pur_01KAAAAAAAAAAAAAAAAAAAAAA3",
                "pur_01KAAAAAAAAAAAAAAAAAAAAAA2", "pur_01KAAAAAAAAAAAAAAAAAAAAAA1");
        JsonNode first = items.get(2);
        assertThat(first.path("deleted").asLong()).isEqualTo(4);
        assertThat(first.path("held").asLong()).isEqualTo(1);
        assertThat(first.path("counts").path("contacts.held").asLong()).isEqualTo(1);
        assertThat(items.get(0).path("dryRun").asBoolean()).isTrue();
        assertThat(answer.text("from")).isEqualTo("2026-11-10");

        // the default: the week up to today
        assertThat(api.asAdmin("GET", "/purge/reports", b -> b).json().path("items")).isEmpty();
    }

    @Test
    void staffAndProcessorsAreRefusedAndABadRangeIsAFieldError() {
        assertThat(api.asStaff("GET", "/purge/reports", b -> b).status()).isEqualTo(403);
        assertThat(api.asProcessor("billing", "GET", "/purge/reports", b -> b).status()).isEqualTo(403);
        ApiClient.Answer backwards = api.asAdmin("GET", "/purge/reports", b -> b.query("from", "2026-11-12").query("to", "2026-11-10"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(api.asAdmin("GET", "/purge/reports", b -> b.query("from", "2026-10-01").query("to", "2026-11-10")).status())
                .as("more than 31 days").isEqualTo(400);
        assertThat(api.asAdmin("GET", "/purge/reports", b -> b.query("to", "26-11-10")).status()).isEqualTo(400);
    }

    @Test
    void aDayKeepsAtMostItsShareOfReports() {
        for (int i = 0; i < PurgeReports.MAX_A_DAY; i++) {
            assertThat(reports.add(report("pur_01KBBBBBBBBBBBBBBBBBBBBB%02d".formatted(i), "2026-10-01T03:00:00Z", true, i, 0)))
                    .isTrue();
        }
        assertThat(reports.add(report("pur_01KBBBBBBBBBBBBBBBBBBBBBZZ", "2026-10-01T04:00:00Z", true, 0, 0))).isFalse();
        assertThat(reports.between(java.time.LocalDate.parse("2026-10-01"), java.time.LocalDate.parse("2026-10-01")))
                .hasSize(PurgeReports.MAX_A_DAY);
    }
}
