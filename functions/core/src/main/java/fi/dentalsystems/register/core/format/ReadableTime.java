package fi.dentalsystems.register.core.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dates and times as a data subject reads them (GDPR art. 12(1): "concise, transparent, intelligible"):
 * in the reader's language and in Helsinki time (Europe/Helsinki, so summer time is right on both
 * sides of the change), never an ISO instant. The one formatter of every page and mail a data
 * subject receives (issue 15); the JSON export keeps ISO 8601, which is for machines.
 *
 * <p>Finnish writes {@code 1.12.2026 klo 21.17}, English {@code 1 December 2026 at 21:17}, Swedish
 * {@code 1 december 2026 kl. 21.17}; a time names the zone in words, because the reader may be
 * abroad and a bare clock time would be misread.
 */
public final class ReadableTime {
    /** What an ISO-8601 instant looks like in text (2026-12-01T19:17:41.916851635Z, …+02:00). */
    public static final Pattern ISO_INSTANT = Pattern.compile(
            // no nested quantifiers (ReDoS): seconds and fraction as one bounded class; parse() validates
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}[0-9:.]{0,13}(?:Z|[+-]\\d{2}:\\d{2})");

    /** The register's time (the controller is in Finland; deadlines are counted in it as well). */
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final Locale FINNISH = Locale.forLanguageTag("fi-FI");
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-FI");

    /** The reader's language: Finnish, Swedish, else English (format sits below domain: a Locale, not Language). */
    private enum Reader { FI, SV, EN }

    private static Reader reader(Locale locale) {
        return switch (locale.getLanguage()) {
            case "fi" -> Reader.FI;
            case "sv" -> Reader.SV;
            default -> Reader.EN;
        };
    }

    private static final DateTimeFormatter FI_DATE = DateTimeFormatter.ofPattern("d.M.uuuu", FINNISH);
    private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", SWEDISH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter FI_TIME = DateTimeFormatter.ofPattern("H.mm", FINNISH);
    private static final DateTimeFormatter SV_TIME = DateTimeFormatter.ofPattern("H.mm", SWEDISH);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private ReadableTime() {
    }

    /** The day in Helsinki: {@code 1.12.2026}, {@code 1 December 2026}, {@code 1 december 2026}. */
    public static String date(Instant instant, Locale language) {
        ZonedDateTime at = instant.atZone(HELSINKI);
        return switch (reader(language)) {
            case FI -> FI_DATE.format(at);
            case SV -> SV_DATE.format(at);
            case EN -> EN_DATE.format(at);
        };
    }

    /** Day and minute in Helsinki, the zone named: {@code 1.12.2026 klo 21.17 Suomen aikaa}. */
    public static String dateTime(Instant instant, Locale language) {
        ZonedDateTime at = instant.atZone(HELSINKI);
        return switch (reader(language)) {
            case FI -> FI_DATE.format(at) + " klo " + FI_TIME.format(at) + " Suomen aikaa";
            case SV -> SV_DATE.format(at) + " kl. " + SV_TIME.format(at) + " finsk tid";
            case EN -> EN_DATE.format(at) + " at " + EN_TIME.format(at) + " Finnish time";
        };
    }

    /** A value of a page that is an ISO instant, made readable; any other text as it is. */
    public static String readable(String text, Locale language) {
        try {
            if (ISO_INSTANT.matcher(text).matches()) {
                return dateTime(java.time.OffsetDateTime.parse(text).toInstant(), language);
            }
            if (ISO_DATE.matcher(text).matches()) {
                // a calendar day (a hold's end, say) is already a Finnish day: no zone to convert
                return date(java.time.LocalDate.parse(text).atStartOfDay(HELSINKI).toInstant(), language);
            }
        } catch (java.time.format.DateTimeParseException notADate) {
            return text;
        }
        return text;
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Whether a text shows a raw ISO instant anywhere (what no data-subject page or mail may do). */
    public static boolean containsIsoInstant(String text) {
        return ISO_INSTANT.matcher(text).find();
    }
}
