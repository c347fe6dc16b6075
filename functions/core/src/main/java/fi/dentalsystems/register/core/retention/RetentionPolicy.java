package fi.dentalsystems.register.core.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single source of how long each kind of data is kept. Writers compute {@code purgeAt}
 * and {@code purgeBucket} from it; the purge obeys it; the privacy notice and the access
 * export print it. Defaults are DESIGN.md's table. Dates count in Helsinki time.
 */
public final class RetentionPolicy {
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(HELSINKI);

    private final Map<DataCategory, RetentionRule> rules;

    public RetentionPolicy(Collection<RetentionRule> rules) {
        Map<DataCategory, RetentionRule> byCategory = new EnumMap<>(DataCategory.class);
        rules.forEach(r -> byCategory.put(r.category(), r));
        for (DataCategory c : DataCategory.values()) {
            if (!byCategory.containsKey(c)) {
                throw new IllegalArgumentException("no retention rule for " + c);
            }
        }
        this.rules = Map.copyOf(byCategory);
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(List.of(
                new RetentionRule(DataCategory.CONTACT, ClockStart.RELATIONSHIP_ENDED, Period.ofMonths(24), false,
                        "customer relationship"),
                new RetentionRule(DataCategory.HISTORY_ENTRY, ClockStart.OCCURRED, Period.ofMonths(36), false,
                        "technical support and customer-relationship management"),
                new RetentionRule(DataCategory.CREDENTIAL, ClockStart.LAST_USED, Period.ofMonths(12), false,
                        "access to the services (removed with the contact)"),
                new RetentionRule(DataCategory.CUSTOMER, ClockStart.RELATIONSHIP_ENDED, Period.ofYears(6), true,
                        "Accounting Act (kirjanpitolaki 2:10): billing records"),
                new RetentionRule(DataCategory.RAW_INBOUND_MAIL, ClockStart.WRITTEN, Period.ofDays(7), false,
                        "intake of requests only"),
                new RetentionRule(DataCategory.VERIFICATION_TOKEN, ClockStart.WRITTEN, Period.ofDays(3), false,
                        "verification of the requester"),
                // two steps on one request item (issue 11, docs/decisions/0009): its content goes first,
                // the evidence of what was asked and how it was answered stays for accountability
                new RetentionRule(DataCategory.REQUEST_CONTENT, ClockStart.REQUEST_CLOSED, Period.ofDays(30), false,
                        "follow-up questions on the answer; then minimised (GDPR art. 5(1)(c), 5(1)(e))"),
                new RetentionRule(DataCategory.CLOSED_REQUEST, ClockStart.REQUEST_CLOSED, Period.ofMonths(36), false,
                        "accountability (GDPR art. 5(2)); content minimised"),
                new RetentionRule(DataCategory.AUDIT_ENTRY, ClockStart.WRITTEN, Period.ofMonths(24), false,
                        "accountability: who processed what, when"),
                new RetentionRule(DataCategory.SUPPRESSION_ENTRY, ClockStart.NEVER, Period.ZERO, false,
                        "honouring the objection to direct marketing (hash only)"),
                // backups (point-in-time recovery) reach 35 days back; the ledger outlives the last backup that
                // can hold an erased person, with room for a restore begun on day 35 to be re-applied (decision 0017)
                new RetentionRule(DataCategory.ERASURE_LEDGER_ENTRY, ClockStart.WRITTEN, Period.ofDays(90), false,
                        "re-applying an erasure after a restore from backup (ids and hash only)")));
    }

    public RetentionRule rule(DataCategory category) {
        return rules.get(category);
    }

    public Collection<RetentionRule> rules() {
        return rules.values();
    }

    /** When data of this category may be purged, given the moment its clock started; empty when it never is. */
    public Optional<Instant> purgeAt(DataCategory category, Instant clockStarted) {
        RetentionRule rule = rules.get(category);
        if (rule.clockStart() == ClockStart.NEVER) {
            return Optional.empty();
        }
        ZonedDateTime start = clockStarted.atZone(HELSINKI);
        if (rule.toEndOfYear()) {
            start = LocalDate.of(start.getYear(), 12, 31).plusDays(1).atStartOfDay(HELSINKI);
        }
        return Optional.of(start.plus(rule.period()).toInstant());
    }

    /** The day of the purge index a purge time falls in (yyyy-MM-dd, Helsinki). */
    public static String bucket(Instant purgeAt) {
        return BUCKET.format(purgeAt);
    }
}
