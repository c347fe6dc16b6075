package fi.dentalsystems.register.core.retention;

import java.time.Period;

/**
 * How long one category is kept: a period after the event that starts its clock, and the
 * reason (a purpose of seed §4 or a law), printed in the privacy notice and the access export.
 * {@code toEndOfYear}: the clock runs to the end of the calendar year of the event first
 * (the Accounting Act counts years from the end of the financial year).
 */
public record RetentionRule(DataCategory category, ClockStart clockStart, Period period, boolean toEndOfYear,
                            String reason) {
}
