package fi.dentalsystems.register.core.retention;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {
    private final RetentionPolicy policy = RetentionPolicy.defaults();

    @Test
    void theDefaultsAreDesignsTable() {
        Instant t = Instant.parse("2026-03-15T10:00:00Z");
        assertThat(policy.purgeAt(DataCategory.CONTACT, t)).contains(Instant.parse("2028-03-15T10:00:00Z"));
        assertThat(policy.purgeAt(DataCategory.HISTORY_ENTRY, t)).contains(Instant.parse("2029-03-15T10:00:00Z"));
        assertThat(policy.purgeAt(DataCategory.AUDIT_ENTRY, t)).contains(Instant.parse("2028-03-15T10:00:00Z"));
        assertThat(policy.purgeAt(DataCategory.RAW_INBOUND_MAIL, t)).contains(Instant.parse("2026-03-22T10:00:00Z"));
        assertThat(policy.purgeAt(DataCategory.VERIFICATION_TOKEN, t)).contains(Instant.parse("2026-03-18T10:00:00Z"));
        // Accounting Act: to the end of the year of the relationship's end, then six years
        assertThat(policy.purgeAt(DataCategory.CUSTOMER, t)).contains(Instant.parse("2032-12-31T22:00:00Z"));
        assertThat(policy.purgeAt(DataCategory.SUPPRESSION_ENTRY, t)).isEmpty();
        assertThat(RetentionPolicy.bucket(Instant.parse("2032-12-31T22:00:00Z"))).isEqualTo("2033-01-01");
    }

    @Test
    void everyCategoryNeedsARuleWithAReason() {
        assertThat(policy.rules()).hasSize(DataCategory.values().length)
                .allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThatThrownBy(() -> new RetentionPolicy(List.of(new RetentionRule(DataCategory.CONTACT, ClockStart.WRITTEN,
                Period.ofDays(1), false, "x")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void purgeFollowsTheClockAndTheBillingRuleWaitsForTheYearEnd(
            @ForAll @LongRange(min = 1577836800L, max = 2240524800L) long seconds) {
        Instant start = Instant.ofEpochSecond(seconds);
        for (DataCategory c : DataCategory.values()) {
            policy.purgeAt(c, start).ifPresent(p -> assertThat(p).isAfter(start));
        }
        ZonedDateTime billing = policy.purgeAt(DataCategory.CUSTOMER, start).orElseThrow().atZone(RetentionPolicy.HELSINKI);
        assertThat(billing.getDayOfYear()).isEqualTo(1);
        assertThat(billing.getYear()).isEqualTo(start.atZone(RetentionPolicy.HELSINKI).getYear() + 7);
        assertThat(RetentionPolicy.bucket(policy.purgeAt(DataCategory.CONTACT, start).orElseThrow()))
                .matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
