package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditDigests;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.audit.AuditVerifier;
import fi.dentalsystems.register.core.audit.FolderDigestStore;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge deletes audit entries and anchors 24 months after they were written; the
 * verifier must accept the chains that now start at that horizon — and only there (decision 0012).
 */
class AuditIntegrityAfterPurgeTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-02-10T09:00:00Z");

    @TempDir
    Path digestFolder;

    @Test
    void chainsThatStartAtThePurgeHorizonAreWholeAndARemovalAfterItIsStillReported() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        MovableClock clock = new MovableClock(T0);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(r.db).build();
        AuditLog log = new AuditLog(enhanced, r.name(RegisterTable.AUDIT), clock);
        FolderDigestStore store = new FolderDigestStore(digestFolder);
        AuditDigests digests = new AuditDigests(log, store);
        AuditVerifier verifier = new AuditVerifier(log, store);
        // one long-lived writer: two years of reads, a few each month
        for (int month = 0; month < 27; month++) {
            for (int i = 0; i < 3; i++) {
                log.record(new AuditLog.Access(new Caller("staff-1", Set.of()), "GET /customers/{customerId}", "r-" + i,
                        "customer-relationship"), AuditAction.READ, new AuditTarget(TargetType.CUSTOMER, "cus_" + month));
                clock.advance(Duration.ofMinutes(7));
            }
            clock.advance(Duration.ofDays(30));
            digests.catchUp(clock.instant());
        }
        Instant now = clock.instant();
        int before = entries(r).size();

        Map<String, Object> report = new RetentionPurgeHandler(new HandlerSetup(r.db, r.tables.names(),
                Clock.fixed(now, ZoneOffset.UTC), mail -> {
                    throw new IllegalStateException("no mail");
                }, RegisterVariables.with(Map.of("PURGE_FIRST_DAY", LocalDate.ofInstant(T0, ZoneOffset.UTC).toString(),
                "SUPPRESSION_PEPPER", PurgeFixture.PEPPER, "AUDIT_DIGEST_FOLDER", digestFolder.toString()))))
                .handleRequest(Map.of(), null);

        List<Map<String, AttributeValue>> left = entries(r);
        assertThat(left.size()).as("the purge took the entries past their clock").isLessThan(before).isPositive();
        assertThat(report).containsKey("auditDigests");
        AuditVerifier.Result result = verifier.verify(LocalDate.ofInstant(T0, ZoneOffset.UTC),
                LocalDate.ofInstant(now, ZoneOffset.UTC), now);
        assertThat(result.problems()).isEmpty();
        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isEqualTo(left.size());

        // an entry removed after the horizon is still missing
        Map<String, AttributeValue> removed = left.get(left.size() / 2);
        r.db.deleteItem(d -> d.tableName(r.name(RegisterTable.AUDIT))
                .key(Map.of("day", removed.get("day"), "tsId", removed.get("tsId"))));
        assertThat(verifier.verify(LocalDate.ofInstant(T0, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC), now)
                .problems()).extracting(p -> p.kind() + " " + p.entryId().orElseThrow())
                .containsExactly("MISSING " + removed.get("entryId").s());
    }

    private static List<Map<String, AttributeValue>> entries(PurgeFixture r) {
        return r.all(RegisterTable.AUDIT).stream().filter(i -> i.containsKey("targetId"))
                .sorted(Comparator.comparing(i -> Long.parseLong(i.get("seq").n()))).toList();
    }
}
