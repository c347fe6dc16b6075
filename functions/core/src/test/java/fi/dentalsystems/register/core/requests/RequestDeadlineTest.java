package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.RequestDeadline;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestDeadlineTest {
    private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2040-12-31T00:00:00Z").getEpochSecond();

    @Test
    void endOfMonthDatesBecomeTheLastDayOfTheNextMonth() {
        // 31 January in Helsinki → 28 February (2026) / 29 February (2028)
        assertThat(RequestDeadline.dueAt(Instant.parse("2026-01-31T10:00:00Z"))).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(RequestDeadline.dueAt(Instant.parse("2028-01-31T10:00:00Z"))).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
        // 23:30 UTC on 31 March is already 1 April in Helsinki: due 1 May
        assertThat(RequestDeadline.dueAt(Instant.parse("2026-03-31T23:30:00Z")).atZone(RequestDeadline.HELSINKI).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 5, 1));
    }

    @Property(tries = 1000)
    void dueIsOneCalendarMonthLaterInHelsinki(@ForAll @LongRange(min = 1577836800L, max = 2240524800L) long seconds) {
        Instant received = Instant.ofEpochSecond(seconds);
        ZonedDateTime in = received.atZone(RequestDeadline.HELSINKI);
        ZonedDateTime due = RequestDeadline.dueAt(received).atZone(RequestDeadline.HELSINKI);
        assertThat(due.isAfter(in)).isTrue();
        int monthsApart = (due.getYear() - in.getYear()) * 12 + due.getMonthValue() - in.getMonthValue();
        assertThat(monthsApart).isEqualTo(1);
        assertThat(due.getDayOfMonth()).isEqualTo(Math.min(in.getDayOfMonth(), due.toLocalDate().lengthOfMonth()));
        long minutesApart = Math.abs(java.time.Duration.between(in.toLocalTime(), due.toLocalTime()).toMinutes());
        assertThat(minutesApart).as("same wall-clock time, but for an hour a DST gap may move it").isLessThanOrEqualTo(60);
    }

    @Property(tries = 500)
    void anExtensionAddsOneOrTwoMonthsToTheOriginalDueDate(@ForAll @LongRange(min = 1577836800L, max = 2240524800L) long seconds,
                                                           @ForAll @IntRange(min = 1, max = 2) int months) {
        Instant due = RequestDeadline.dueAt(Instant.ofEpochSecond(seconds));
        ZonedDateTime original = due.atZone(RequestDeadline.HELSINKI);
        ZonedDateTime extended = RequestDeadline.extended(due, months).atZone(RequestDeadline.HELSINKI);
        int apart = (extended.getYear() - original.getYear()) * 12 + extended.getMonthValue() - original.getMonthValue();
        assertThat(apart).isEqualTo(months);
        assertThat(FROM).isLessThan(TO);
    }

    @Test
    void extensionsBeyondTwoMonthsAreRefused() {
        Instant due = Instant.parse("2026-02-28T10:00:00Z");
        assertThatThrownBy(() -> RequestDeadline.extended(due, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestDeadline.extended(due, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
