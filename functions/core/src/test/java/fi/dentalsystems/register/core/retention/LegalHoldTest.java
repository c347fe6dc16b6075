package fi.dentalsystems.register.core.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LegalHoldTest {
    @Test
    void aHoldIsActiveUntilItsEndAndNotFromThatInstant() {
        Instant until = Instant.parse("2031-12-31T00:00:00Z");
        LegalHold hold = new LegalHold(until, "claim", "admin-1", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(hold.isActive(until.minusSeconds(1))).isTrue();
        assertThat(hold.isActive(until)).isFalse();
        assertThat(hold.isActive(until.plusSeconds(1))).isFalse();
    }
}
