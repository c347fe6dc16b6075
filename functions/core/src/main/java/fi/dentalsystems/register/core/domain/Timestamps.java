package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Fixed-width UTC timestamps, so that strings sort in time order inside sort keys
 * ({@code Instant.toString()} drops trailing zeros and would not).
 */
public final class Timestamps {
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
