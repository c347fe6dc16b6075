package fi.dentalsystems.register.customers;

import com.fasterxml.jackson.databind.JsonNode;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.FailingDynamoDb;
import fi.dentalsystems.register.local.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GET /audit/integrity (decision 0012): the test uses the API as staff do, then tampers with the
 * Audit table behind it — straight through the engine, as someone with table access would — and
 * the verifier must name exactly what was done, and nothing after honest use.
 */
class AuditIntegrityTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    private static final Mailer NO_MAIL = mail -> {
        throw new IllegalStateException("no mail");
    };
    private static final Instant DAY_ONE = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path digests;

    /** One register on its own tables: the API, its clock, and the raw engine behind it. */
    private final class Register1 {
        final MovableClock clock = new MovableClock(DAY_ONE);
        final DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        final FailingDynamoDb faults = new FailingDynamoDb();
        final HandlerSetup setup = new HandlerSetup(faults.wrap(ENGINE.client()), tables.names(), clock, NO_MAIL,
                fi.dentalsystems.register.local.support.RegisterVariables.with(Map.of("AUDIT_DIGEST_FOLDER",
                        digests.toString(), "SUPPRESSION_PEPPER", "test-pepper-for-the-test-run-only")));
        final ApiClient api = new ApiClient(new CustomersApiHandler(setup));
        final String auditTable = tables.names().nameOf(RegisterTable.AUDIT);

        /** Staff at work: a customer, two contacts, reads and a change — a dozen audit entries. */
        void work(ApiClient as) {
            String customerId = as.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
            ApiClient.Answer customer = as.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", customerId));
            for (int i = 0; i < 2; i++) {
                as.asStaff("POST", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId)
                        .json(TestPeople.contactJson("\"TECHNICAL\"")));
            }
            as.asStaff("GET", "/customers/{customerId}/contacts", b -> b.path("customerId", customerId));
            as.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", customerId)
                    .header("if-match", customer.header("etag")).json("{\"phone\": \"+358 40 765 4321\"}"));
            as.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", customerId));
        }

        /** Three days of work, anchors every five minutes, and the digests of the two finished days. */
        void threeDaysOfWork() {
            work(api);
            clock.advance(Duration.ofMinutes(6));
            work(api);
            clock.advance(Duration.ofDays(1));
            work(api);
            clock.advance(Duration.ofDays(1));
            work(api);
            digest();
        }

        void digest() {
            new Register(setup).auditDigests().catchUp(clock.instant());
        }

        JsonNode verify() {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            ApiClient.Answer answer = api.asAdmin("GET", "/audit/integrity", b -> b.query("from", DAY_ONE.toString()
                    .substring(0, 10)).query("to", today.toString()));
            assertThat(answer.status()).isEqualTo(200);
            return answer.json();
        }

        /** The entries of the table, each chain in its order. */
        List<Map<String, AttributeValue>> entries() {
            List<Map<String, AttributeValue>> all = new ArrayList<>();
            ENGINE.client().scanPaginator(r -> r.tableName(auditTable)).items().forEach(item -> {
                if (item.containsKey("targetId")) {
                    all.add(item);
                }
            });
            all.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("chainId").s())
                    .thenComparing(i -> Long.parseLong(i.get("seq").n())));
            return all;
        }

        List<Map<String, AttributeValue>> anchors() {
            List<Map<String, AttributeValue>> all = new ArrayList<>();
            ENGINE.client().scanPaginator(r -> r.tableName(auditTable)).items().forEach(item -> {
                if (item.get("day").s().startsWith("anchors#")) {
                    all.add(item);
                }
            });
            all.sort(Comparator.comparing(i -> i.get("tsId").s()));
            return all;
        }

        DynamoDbClient engine() {
            return ENGINE.client();
        }

        Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
            return Map.of("day", item.get("day"), "tsId", item.get("tsId"));
        }
    }

    private static List<String> problems(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("problems").forEach(p -> out.add(p.get("kind").asText() + " " + p.get("day").asText() + " "
                + (p.has("entryId") ? p.get("entryId").asText() : "-")));
        return out;
    }

    private static String day(Map<String, AttributeValue> entry) {
        return entry.get("day").s();
    }

    private static String id(Map<String, AttributeValue> entry) {
        return entry.get("entryId").s();
    }

    @Test
    void nothingIsReportedAfterNormalUseAndEveryEntryIsChecked() {
        Register1 r = new Register1();
        r.threeDaysOfWork();

        JsonNode result = r.verify();

        assertThat(problems(result)).isEmpty();
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("checked").asLong()).isEqualTo(r.entries().size()).isGreaterThan(30);
        // one chain (one instance), anchored on its first entry and again after five minutes and on each day
        assertThat(r.anchors()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(r.entries().stream().map(e -> e.get("chainId").s()).distinct()).hasSize(1);
    }

    @Test
    void anAlteredFieldIsReportedWithItsEntry() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        Map<String, AttributeValue> entry = r.entries().get(5);
        String changedTo = entry.get("action").s().equals("READ") ? "DELETE" : "READ";

        r.engine().updateItem(u -> u.tableName(r.auditTable).key(r.key(entry))
                .updateExpression("SET #a = :a").expressionAttributeNames(Map.of("#a", "action"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(changedTo))));

        JsonNode result = r.verify();
        assertThat(result.get("intact").asBoolean()).isFalse();
        assertThat(problems(result)).containsExactly("altered " + day(entry) + " " + id(entry));
    }

    @Test
    void anEntryRewrittenWithARecomputedHashIsReportedByItsSuccessorsLink() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        Map<String, AttributeValue> entry = r.entries().get(7);
        Map<String, AttributeValue> forged = new HashMap<>(entry);
        forged.put("actorId", AttributeValue.fromS("someone-else"));
        fi.dentalsystems.register.core.store.AuditItem item = fi.dentalsystems.register.core.store.AuditItem.SCHEMA
                .mapToItem(forged);
        forged.put("hash", AttributeValue.fromS(fi.dentalsystems.register.core.audit.AuditHash.of(item)));

        r.engine().putItem(p -> p.tableName(r.auditTable).item(forged));

        assertThat(problems(r.verify())).containsExactly("altered " + day(entry) + " " + id(entry));
    }

    @Test
    void aRemovedEntryIsReportedWithItsId() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        Map<String, AttributeValue> entry = r.entries().get(9);

        r.engine().deleteItem(d -> d.tableName(r.auditTable).key(r.key(entry)));

        assertThat(problems(r.verify())).containsExactly("missing " + day(entry) + " " + id(entry));
    }

    @Test
    void aRemovedEntryAnAnchorNamesIsReportedEvenAsTheLastOfItsChain() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        List<Map<String, AttributeValue>> entries = r.entries();
        // the chain's newest entry: its last anchor named it (the day's first entry was anchored at once)
        Map<String, AttributeValue> anchor = r.anchors().get(r.anchors().size() - 1);
        Map<String, AttributeValue> named = entries.stream()
                .filter(e -> e.get("entryId").s().equals(anchor.get("entryId").s())).findFirst().orElseThrow();
        // remove every entry from the anchored one on: a cut-off tail older than the anchor
        entries.stream().filter(e -> Long.parseLong(e.get("seq").n()) >= Long.parseLong(named.get("seq").n()))
                .forEach(e -> r.engine().deleteItem(d -> d.tableName(r.auditTable).key(r.key(e))));

        assertThat(problems(r.verify())).containsExactly("missing " + day(named) + " " + id(named));
    }

    @Test
    void aReorderedPairIsReportedAsOutOfOrderWithBothEntries() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        List<Map<String, AttributeValue>> entries = r.entries();
        Map<String, AttributeValue> first = entries.get(3);
        Map<String, AttributeValue> second = entries.get(4);

        // each moved to the other's place in the table: GET /audit would show them the other way round
        Map<String, AttributeValue> movedFirst = new HashMap<>(first);
        movedFirst.putAll(r.key(second));
        Map<String, AttributeValue> movedSecond = new HashMap<>(second);
        movedSecond.putAll(r.key(first));
        r.engine().putItem(p -> p.tableName(r.auditTable).item(movedFirst));
        r.engine().putItem(p -> p.tableName(r.auditTable).item(movedSecond));

        assertThat(problems(r.verify())).containsExactlyInAnyOrder("out-of-order " + day(second) + " " + id(first),
                "out-of-order " + day(first) + " " + id(second));
    }

    @Test
    void aRewrittenAnchorIsReportedAgainstItsDigest() {
        Register1 r = new Register1();
        r.threeDaysOfWork();
        // an anchor of the first day, which the first digest holds
        Map<String, AttributeValue> anchor = r.anchors().get(0);
        String name = "anchor:" + anchor.get("chainId").s() + ":" + anchor.get("seq").n();
        Map<String, AttributeValue> rewritten = new HashMap<>(anchor);
        rewritten.put("hash", AttributeValue.fromS("0".repeat(64)));

        r.engine().putItem(p -> p.tableName(r.auditTable).item(rewritten));

        assertThat(problems(r.verify())).containsExactly("altered " + anchor.get("day").s().substring(8) + " " + name);
    }

    @Test
    void manyWriterChainsAtOnceAreEachWhole() throws Exception {
        Register1 r = new Register1();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // each handler is an instance of its own, with its own chain, as concurrent Lambda instances are
                ApiClient instance = new ApiClient(new CustomersApiHandler(r.setup));
                done.add(pool.submit(() -> r.work(instance)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        r.clock.advance(Duration.ofDays(1));
        r.digest();

        JsonNode result = r.verify();
        assertThat(problems(result)).isEmpty();
        assertThat(r.entries().stream().map(e -> e.get("chainId").s()).distinct()).hasSize(12);
        assertThat(result.get("checked").asLong()).isEqualTo(r.entries().size());
    }

    private static final AuditLog.Access EXPORT = new AuditLog.Access(new Caller("staff-7", java.util.Set.of()),
            "POST /requests/{requestId}/complete", "req-lanes", "data-subject-request");

    private static List<AuditTarget> historyEntries(int count) {
        return IntStream.range(0, count).mapToObj(i -> new AuditTarget(TargetType.HISTORY_ENTRY, "his_" + i)).toList();
    }

    /** The table's entries by chain, each in its order of seq. */
    private static Map<String, List<Long>> seqsByChain(List<Map<String, AttributeValue>> entries) {
        return entries.stream().collect(Collectors.groupingBy(e -> e.get("chainId").s(), java.util.TreeMap::new,
                Collectors.mapping(e -> Long.parseLong(e.get("seq").n()), Collectors.toList())));
    }

    @Test
    void oneAccessToAThousandRecordsIsWrittenByFourChainsAtOnceEachWholeAndAnchored() {
        Register1 r = new Register1();

        new Register(r.setup).audit().record(EXPORT, AuditAction.READ, historyEntries(1_000));

        List<Map<String, AttributeValue>> entries = r.entries();
        assertThat(entries).extracting(e -> e.get("targetId").s()).containsExactlyInAnyOrderElementsOf(
                historyEntries(1_000).stream().map(AuditTarget::id).toList());
        Map<String, List<Long>> chains = seqsByChain(entries);
        assertThat(chains).hasSize(4);
        chains.values().forEach(seqs -> assertThat(seqs).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 250).mapToObj(i -> (long) i).toList()));
        // each chain's head is anchored when its lane ends
        assertThat(r.anchors()).extracting(a -> a.get("chainId").s() + ":" + a.get("seq").n())
                .containsExactlyInAnyOrderElementsOf(chains.keySet().stream().map(c -> c + ":250").toList());
        r.clock.advance(Duration.ofDays(1));
        r.digest();
        JsonNode result = r.verify();
        assertThat(problems(result)).isEmpty();
        assertThat(result.get("checked").asLong()).isEqualTo(1_000);
    }

    @Test
    void aFewRecordsStayInTheInstancesOneChain() {
        Register1 r = new Register1();
        AuditLog audit = new Register(r.setup).audit();

        audit.record(EXPORT, AuditAction.READ, historyEntries(99));
        audit.record(EXPORT, AuditAction.READ, historyEntries(3));

        assertThat(seqsByChain(r.entries()).values()).singleElement().satisfies(seqs -> assertThat(seqs)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 102).mapToObj(i -> (long) i).toList()));
    }

    @Test
    void aLaneWhosePutFailsEndsOnlyItsOwnChainTheAccessFailsAndNothingIsReported() {
        Register1 r = new Register1();
        AuditLog audit = new Register(r.setup).audit();
        r.faults.fail("putItem", r.auditTable, 1);

        assertThatThrownBy(() -> audit.record(EXPORT, AuditAction.READ, historyEntries(1_000)))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.class);

        assertThat(r.faults.injected()).isEqualTo(1);
        // the failed put was one lane's first: that lane wrote nothing, the other three ended whole and anchored
        Map<String, List<Long>> chains = seqsByChain(r.entries());
        assertThat(chains).hasSize(3);
        chains.values().forEach(seqs -> assertThat(seqs).hasSize(250));
        assertThat(r.anchors()).hasSize(3);
        r.clock.advance(Duration.ofDays(1));
        r.digest();
        assertThat(problems(r.verify())).isEmpty();
    }

    @Test
    void onlyAdminsVerifyAndABadRangeIsAProblemAnswer() {
        Register1 r = new Register1();
        r.work(r.api);
        assertThat(r.api.asStaff("GET", "/audit/integrity", b -> b).status()).isEqualTo(403);
        ApiClient.Answer bad = r.api.asAdmin("GET", "/audit/integrity", b -> b.query("from", "yesterday"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("content-type")).startsWith("application/problem+json");
        assertThat(r.api.asAdmin("GET", "/audit/integrity", b -> b.query("from", "2026-03-05").query("to", "2026-03-01"))
                .status()).isEqualTo(400);
        assertThat(r.api.asAdmin("GET", "/audit/integrity", b -> b).json().get("intact").asBoolean()).isTrue();
    }
}
