package fi.dentalsystems.register.core.format;

import fi.dentalsystems.register.core.domain.Language;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates a person reads: their language, Helsinki time, summer time right (issue 15). */
class ReadableTimeTest {
    /** 1 July 2026 09:05 UTC is 12.05 in Helsinki (EEST, UTC+3). */
    private static final Instant SUMMER = Instant.parse("2026-07-01T09:05:00Z");
    /** 1 December 2026 19:17:41.9 UTC is 21.17 in Helsinki (EET, UTC+2). */
    private static final Instant WINTER = Instant.parse("2026-12-01T19:17:41.916851635Z");

    @Test
    void aSummerInstantIsShownInHelsinkiSummerTimeInFinnishAndEnglish() {
        assertThat(ReadableTime.dateTime(SUMMER, Language.FI.locale())).isEqualTo("1.7.2026 klo 12.05 Suomen aikaa");
        assertThat(ReadableTime.dateTime(SUMMER, Language.EN.locale())).isEqualTo("1 July 2026 at 12:05 Finnish time");
        assertThat(ReadableTime.date(SUMMER, Language.FI.locale())).isEqualTo("1.7.2026");
        assertThat(ReadableTime.date(SUMMER, Language.EN.locale())).isEqualTo("1 July 2026");
    }

    @Test
    void aWinterInstantIsShownInHelsinkiStandardTimeInFinnishAndEnglish() {
        assertThat(ReadableTime.dateTime(WINTER, Language.FI.locale())).isEqualTo("1.12.2026 klo 21.17 Suomen aikaa");
        assertThat(ReadableTime.dateTime(WINTER, Language.EN.locale())).isEqualTo("1 December 2026 at 21:17 Finnish time");
        assertThat(ReadableTime.date(WINTER, Language.EN.locale())).isEqualTo("1 December 2026");
    }

    @Test
    void theDayIsHelsinkisDayNotUtcsAroundMidnight() {
        // 22.30 UTC on 31 December is already 1 January in Helsinki
        Instant lateUtc = Instant.parse("2026-12-31T22:30:00Z");
        assertThat(ReadableTime.date(lateUtc, Language.FI.locale())).isEqualTo("1.1.2027");
        assertThat(ReadableTime.dateTime(lateUtc, Language.EN.locale())).isEqualTo("1 January 2027 at 00:30 Finnish time");
        // and in summer the offset is three hours: 21.30 UTC on 30 June is 1 July 00.30
        assertThat(ReadableTime.date(Instant.parse("2026-06-30T21:30:00Z"), Language.FI.locale())).isEqualTo("1.7.2026");
    }

    @Test
    void swedishReadersGetSwedishMonthNames() {
        assertThat(ReadableTime.dateTime(WINTER, Language.SV.locale())).isEqualTo("1 december 2026 kl. 21.17 finsk tid");
    }

    @Test
    void anIsoValueOnAPageIsMadeReadableAndOtherTextIsLeftAlone() {
        assertThat(ReadableTime.readable("2026-12-01T19:17:41.916851635Z", Language.FI.locale()))
                .isEqualTo("1.12.2026 klo 21.17 Suomen aikaa");
        assertThat(ReadableTime.readable("2026-07-01T12:05:00+03:00", Language.EN.locale()))
                .isEqualTo("1 July 2026 at 12:05 Finnish time");
        assertThat(ReadableTime.readable("2031-12-31", Language.EN.locale())).isEqualTo("31 December 2031");
        assertThat(ReadableTime.readable("Asked about 2026 prices", Language.EN.locale())).isEqualTo("Asked about 2026 prices");
        assertThat(ReadableTime.readable("2026-13-45T99:99:00Z", Language.EN.locale())).isEqualTo("2026-13-45T99:99:00Z");
    }

    @Test
    void theRawInstantDetectorFindsAnInstantInsideTextAndNothingInReadableText() {
        assertThat(ReadableTime.containsIsoInstant("produced 2026-12-01T19:17:41.916851635Z today")).isTrue();
        assertThat(ReadableTime.containsIsoInstant("expires 2026-12-08T19:17Z")).isTrue();
        assertThat(ReadableTime.containsIsoInstant(ReadableTime.dateTime(WINTER, Language.FI.locale()))).isFalse();
        assertThat(ReadableTime.containsIsoInstant(ReadableTime.dateTime(WINTER, Language.EN.locale()))).isFalse();
    }
}
