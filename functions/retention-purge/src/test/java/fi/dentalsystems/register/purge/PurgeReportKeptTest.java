package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.PurgeReports;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each run leaves its report (ids and counts) in the Jobs table, where the admin page reads it (issue 16). */
class PurgeReportKeptTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");

    @Test
    void aRunAndADryRunEachLeaveTheirReportUnderTheDayTheyRanWithTheCountsTheHandlerAnswered() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        r.contact(customer, "purge.report@example.fi", T0);
        r.end(customer, T0.minus(Duration.ofDays(8 * 365)), T0);
        Instant now = T0.plus(Duration.ofDays(1));
        String firstDay = LocalDate.ofInstant(T0, RetentionPolicy.HELSINKI).minusDays(1).toString();

        Map<String, Object> dry = r.purge(now, firstDay).handleRequest(Map.of("dryRun", true), null);
        Map<String, Object> real = r.purge(now.plus(Duration.ofHours(1)), firstDay).handleRequest(Map.of(), null);

        PurgeReports reports = new PurgeReports(r.db, r.name(RegisterTable.JOBS));
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<PurgeReports.Report> kept = reports.between(day, day);
        assertThat(kept).extracting(PurgeReports.Report::runId).containsExactly((String) real.get("runId"),
                (String) dry.get("runId"));
        PurgeReports.Report run = kept.get(0);
        assertThat(run.dryRun()).isFalse();
        assertThat(run.deleted()).isEqualTo(((Number) real.get("deleted")).longValue()).isPositive();
        assertThat(run.counts()).isEqualTo(real.get("counts"));
        assertThat(kept.get(1).dryRun()).isTrue();
        assertThat(kept.get(1).deleted()).as("what would go").isEqualTo(run.deleted());
        // nothing but ids and counts: no address, name or business id of what was purged
        assertThat(r.all(RegisterTable.JOBS).toString()).doesNotContain("purge.report@example.fi")
                .doesNotContain(customer.businessId()).doesNotContain(customer.name());
    }
}
