package fi.dentalsystems.register.purge;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.retention.DataCategory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one purge run, across the invocations it took: per category, what was deleted
 * (directly from the index, or as a cascade), held, kept, already gone, or failed. Counts and
 * ids only — the report is an audit entry, a log line and metrics. Thread-safe: a batch's items
 * are purged a handful at once (decision 0016).
 */
// at class level: the finding stands in a lambda, which a method's annotation does not cover
@SuppressFBWarnings(value = "IMPROPER_UNICODE", justification = "the checkpoint's own keys (enum names lower-cased in ROOT locale) mapped back with valueOf: no identity or access decision")
final class PurgeReport {
    private final String runId;
    private final boolean dryRun;
    private final Map<DataCategory, Map<Outcome, Long>> direct = new EnumMap<>(DataCategory.class);
    private final Map<DataCategory, Long> cascaded = new EnumMap<>(DataCategory.class);
    private double consumedCapacity;
    private long batches;
    private long invocations = 1;
    private long durationMillis;
    private boolean complete;

    PurgeReport(String runId, boolean dryRun) {
        this.runId = runId;
        this.dryRun = dryRun;
    }

    synchronized void record(DataCategory category, Outcome outcome) {
        direct.computeIfAbsent(category, c -> new EnumMap<>(Outcome.class)).merge(outcome, 1L, Long::sum);
    }

    synchronized void recordCascade(DataCategory category) {
        cascaded.merge(category, 1L, Long::sum);
    }

    synchronized void addCapacity(double units) {
        consumedCapacity += units;
    }

    synchronized void batchDone() {
        batches++;
    }

    synchronized void finish(long durationMillis, boolean complete) {
        this.durationMillis += durationMillis;
        this.complete = complete;
    }

    String runId() {
        return runId;
    }

    boolean dryRun() {
        return dryRun;
    }

    synchronized boolean complete() {
        return complete;
    }

    synchronized long batches() {
        return batches;
    }

    synchronized double consumedCapacity() {
        return consumedCapacity;
    }

    synchronized long invocations() {
        return invocations;
    }

    synchronized long count(DataCategory category, Outcome outcome) {
        return direct.getOrDefault(category, Map.of()).getOrDefault(outcome, 0L);
    }

    synchronized long cascaded(DataCategory category) {
        return cascaded.getOrDefault(category, 0L);
    }

    /** Everything this run removed: direct deletions and cascades. */
    synchronized long deleted() {
        long sum = cascaded.values().stream().mapToLong(Long::longValue).sum();
        for (Map<Outcome, Long> m : direct.values()) {
            sum += m.getOrDefault(Outcome.DELETED, 0L);
        }
        return sum;
    }

    synchronized long total(Outcome outcome) {
        return direct.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** The flat counts that are kept between invocations and written as the audit entry's details. */
    synchronized Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        direct.forEach((category, outcomes) -> outcomes.forEach((outcome, n) ->
                m.put(key(category) + "." + outcome.name().toLowerCase(Locale.ROOT), n)));
        cascaded.forEach((category, n) -> m.put(key(category) + ".cascaded", n));
        m.put("batches", batches);
        m.put("consumedCapacityMilli", Math.round(consumedCapacity * 1000));
        m.put("durationMillis", durationMillis);
        m.put("invocations", invocations);
        return m;
    }

    /** Resumes the counts a cut-off invocation left in the checkpoint. */
    synchronized void resume(Map<String, Long> saved) {
        // a loop, not a lambda: the fields are written under this method's lock
        for (Map.Entry<String, Long> e : saved.entrySet()) {
            String name = e.getKey();
            long n = e.getValue();
            switch (name) {
                case "batches" -> batches += n;
                case "consumedCapacityMilli" -> consumedCapacity += n / 1000.0;
                case "durationMillis" -> durationMillis += n;
                case "invocations" -> invocations += n;
                default -> {
                    int dot = name.lastIndexOf('.');
                    DataCategory category = DataCategory.valueOf(name.substring(0, dot).toUpperCase(Locale.ROOT));
                    String what = name.substring(dot + 1);
                    if (what.equals("cascaded")) {
                        cascaded.merge(category, n, Long::sum);
                    } else {
                        direct.computeIfAbsent(category, c -> new EnumMap<>(Outcome.class))
                                .merge(Outcome.valueOf(what.toUpperCase(Locale.ROOT)), n, Long::sum);
                    }
                }
            }
        }
    }

    /** The report as the handler answers it. */
    synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("dryRun", dryRun);
        m.put("complete", complete);
        m.put("deleted", deleted());
        m.put("minimised", total(Outcome.MINIMISED));
        m.put("held", total(Outcome.HELD));
        m.put("kept", total(Outcome.KEPT));
        m.put("errors", total(Outcome.FAILED));
        m.put("counts", counts());
        return m;
    }

    private static String key(DataCategory category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
