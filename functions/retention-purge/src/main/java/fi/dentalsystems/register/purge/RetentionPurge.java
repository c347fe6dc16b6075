package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.store.PurgeReports;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The retention purge (DESIGN.md, Retention): for each table, day by day on from the checkpoint,
 * it purges the due items of that day's bucket ({@link BucketPurge}), each with a conditional
 * delete that re-checks, in the same write, that it is still due and not on legal hold
 * ({@link ItemDelete}). A run that runs out of time stops between batches and parks its counts in
 * the checkpoint; the next run adopts them and continues where the index says. A batch's items
 * are purged a handful at once ({@code PURGE_IN_FLIGHT}, default {@value #IN_FLIGHT}); throttled
 * ones are retried after the whole round, with backoff (docs/decisions/0016).
 */
final class RetentionPurge {
    /** Deletes in flight at once by default: a handful, well under an on-demand table's burst. */
    static final int IN_FLIGHT = 4;

    /** Milliseconds the invocation has left (Lambda: {@code Context.getRemainingTimeInMillis}). */
    interface TimeLeft {
        long millis();

        static TimeLeft unlimited() {
            return () -> Long.MAX_VALUE;
        }
    }

    /** Called between reading a batch of keys from the index and deleting them (tests use the gap). */
    interface BatchRead {
        void keys(PurgeTable table, List<Map<String, AttributeValue>> keys);

        static BatchRead none() {
            return (table, keys) -> { };
        }
    }

    /** When and how a run goes: its clock, how far it may move the checkpoint, dry or not. */
    record Run(Instant now, Instant checkpointHorizon, boolean dryRun, TimeLeft timeLeft, PurgeProgress progress) {
        /** The run's clock as the store keeps {@code purgeAt} and {@code holdUntil}: epoch seconds. */
        AttributeValue epochSecond() {
            return AttributeValue.fromN(Long.toString(now.getEpochSecond()));
        }
    }

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;
    private final AuditLog audit;
    private final RequestEvidence evidence;
    private final LocalDate firstDay;
    private final long safetyMillis;
    private final Backoff backoff;
    private final BatchRead batchRead;
    private final Clock wallClock;
    private final int inFlight;

    /** {@code inFlight}: how many of a batch's items are purged at once (1: one after another). */
    RetentionPurge(DynamoDbClient dynamoDb, TableNames tables, AuditLog audit, RequestEvidence evidence,
                   LocalDate firstDay, long safetyMillis, Backoff backoff, BatchRead batchRead, Clock wallClock,
                   int inFlight) {
        this.inFlight = Math.max(1, inFlight);
        this.evidence = evidence;
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.audit = audit;
        this.firstDay = firstDay;
        this.safetyMillis = safetyMillis;
        this.backoff = backoff;
        this.batchRead = batchRead;
        this.wallClock = wallClock;
    }

    PurgeReport run(Run run) {
        if (inFlight == 1) {
            return run(run, Runnable::run);
        }
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, task -> {
            Thread thread = new Thread(task, "purge-delete");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(run, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private PurgeReport run(Run run, Executor deletes) {
        long started = wallClock.millis();
        double[] bookkeeping = {0};
        PurgeCheckpoint checkpoint = new PurgeCheckpoint(dynamoDb, tables.nameOf(RegisterTable.JOBS),
                units -> bookkeeping[0] += units);
        Optional<PurgeCheckpoint.OpenRun> adopted = run.dryRun() ? Optional.empty() : checkpoint.adoptOpenRun();
        PurgeReport report = new PurgeReport(adopted.map(PurgeCheckpoint.OpenRun::runId)
                .orElseGet(() -> "pur_" + Ulid.next(run.now())), run.dryRun());
        adopted.ifPresent(o -> report.resume(o.counts()));
        AuditLog.Access access = new AuditLog.Access(new Caller("retention-purge", Set.of()), "schedule", report.runId(),
                "retention");
        PurgedIds audited = new PurgedIds(audit, new AuditLog.Access(access.caller(), PurgedIds.ROUTE, report.runId(),
                access.purpose()), report.runId(), report::addCapacity);
        BucketPurge buckets = bucketsOf(run, report, deletes, audited);
        Map<PurgeTable, LocalDate> cleared = checkpoint.clearedThrough();
        LocalDate today = LocalDate.ofInstant(run.now(), RetentionPolicy.HELSINKI);
        // a day is left behind only once no writer can still put an item into it (writers clamp
        // their bucket to the day they write, Retention.bucket); yesterday stays open
        LocalDate lastClearable = min(today, LocalDate.ofInstant(run.checkpointHorizon(), RetentionPolicy.HELSINKI))
                .minusDays(2);
        boolean complete = true;
        for (PurgeTable table : PurgeTable.values()) {
            Optional<LocalDate> clean = Optional.empty();
            boolean watermarkMoves = true;
            LocalDate day = Optional.ofNullable(cleared.get(table)).map(d -> d.plusDays(1)).orElse(firstDay);
            for (; !day.isAfter(today); day = day.plusDays(1)) {
                long failedBefore = report.total(Outcome.FAILED);
                if (!buckets.purge(table, day)) {
                    complete = false;
                    break;
                }
                watermarkMoves &= report.total(Outcome.FAILED) == failedBefore && !day.isAfter(lastClearable);
                if (watermarkMoves) {
                    clean = Optional.of(day);
                }
            }
            if (!run.dryRun()) {
                clean.ifPresent(d -> checkpoint.cleared(table, d));
            }
            if (!complete) {
                break;
            }
        }
        // the ids of what went, before the report that counts them (issue 14)
        audited.writeAll();
        report.addCapacity(bookkeeping[0]);
        report.finish(wallClock.millis() - started, complete);
        if (complete || run.dryRun() || !checkpoint.park(report.runId(), report.counts())) {
            audit.recordReport(access, run.dryRun() ? AuditAction.READ : AuditAction.DELETE,
                    new AuditTarget(TargetType.PURGE_RUN, report.runId()), report.counts());
            // the same counts for the administrators' console page (GET /purge/reports): no personal data
            new PurgeReports(dynamoDb, tables.nameOf(RegisterTable.JOBS)).add(new PurgeReports.Report(report.runId(),
                    run.now(), run.dryRun(), complete, report.deleted(), report.total(Outcome.MINIMISED),
                    report.total(Outcome.HELD), report.total(Outcome.KEPT), report.total(Outcome.FAILED), report.counts()));
        }
        return report;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The parts of one invocation's work; the hold lookups and a dry run's tally live as long as it. */
    private BucketPurge bucketsOf(Run run, PurgeReport report, Executor inFlightDeletes, PurgedIds audited) {
        MeteredTables metered = new MeteredTables(dynamoDb, tables, report::addCapacity);
        HeldItems held = new HeldItems(metered, run);
        ItemDelete deletes = new ItemDelete(metered, held, run, evidence, audited);
        Cascade cascade = new Cascade(metered, deletes, backoff, report, run.dryRun(), audited);
        ItemPurge items = new ItemPurge(new ItemHolds(metered, run.now(), wallClock::millis), held, deletes, cascade);
        return new BucketPurge(metered, items, backoff, report, run, safetyMillis, batchRead, inFlightDeletes, audited);
    }
}
