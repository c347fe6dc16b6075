package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.local.support.EmbeddedMetrics;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static fi.dentalsystems.register.purge.PurgeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a run behaves: holds, interruption, concurrency, throttling, dry runs, its report. */
@SuppressWarnings("unchecked")
class PurgeRunTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");
    static final Instant NOW = Instant.parse("2027-06-15T01:30:00Z");

    private static String daysBefore(Instant t, int days) {
        return LocalDate.ofInstant(t, RetentionPolicy.HELSINKI).minusDays(days).toString();
    }

    /** {@code n} audit entries due at NOW, all in NOW's bucket (written raw: they are only keys and a clock). */
    private static void dueAuditEntries(PurgeFixture r, int n) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        long purgeAt = NOW.getEpochSecond() - 60;
        for (int i = 0; i < n; i++) {
            items.add(PurgeCostTest.auditItem(i, purgeAt, RetentionPolicy.bucket(NOW)));
        }
        PurgeCostTest.write(r, RegisterTable.AUDIT, items);
    }

    private static long auditEntriesLeft(PurgeFixture r) {
        return r.auditEntries().stream().filter(i -> !i.get("targetType").s().equals("PURGE_RUN")).count();
    }

    private static List<Map<String, AttributeValue>> reports(PurgeFixture r) {
        return r.auditEntries().stream().filter(i -> i.get("targetType").s().equals("PURGE_RUN")).toList();
    }

    /**
     * A customer whose relationship ended eight years ago, entered now with a contact, a credential
     * unused for three years and a four-year-old history entry: every clock has run out, so
     * everything is due in today's bucket (writers never put an item into a day already behind).
     */
    private static Customer longEnded(PurgeFixture r, String... emails) {
        Customer customer = r.customer(T0);
        for (String email : emails) {
            Contact contact = r.contact(customer, email, T0);
            r.credential(contact.contactId(), "booking", Optional.of(T0.minus(Duration.ofDays(3 * 365))), T0);
            r.historyEntry(customer, Optional.of(contact.contactId()), T0.minus(Duration.ofDays(4 * 365)), T0);
        }
        r.end(customer, T0.minus(Duration.ofDays(8 * 365)), T0);
        return customer;
    }

    private static Contact contactOf(PurgeFixture r, Customer customer, String email) {
        return r.contacts.ofCustomer(customer.customerId()).stream().filter(c -> c.email().equals(email))
                .findFirst().orElseThrow();
    }

    @Test
    void aLegalHoldKeepsTheItemAndWhatHangsUnderItUntilItIsLifted() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        LegalHolds holds = new LegalHolds(r.db, r.tables.names());
        Customer held = longEnded(r, "anna@klinikka.example");
        Customer other = longEnded(r, "olli@klinikka.example", "eeva@klinikka.example");
        Contact heldContact = contactOf(r, other, "olli@klinikka.example");
        Contact freeContact = contactOf(r, other, "eeva@klinikka.example");
        Instant holdUntil = T0.plus(Duration.ofDays(10));
        assertThat(holds.place(HoldTarget.CUSTOMER, held.customerId(), new LegalHold(holdUntil, "claim 2026/17", "admin-1", T0))).isTrue();
        assertThat(holds.place(HoldTarget.CONTACT, heldContact.contactId(), new LegalHold(holdUntil, "claim 2026/18", "admin-1", T0))).isTrue();
        assertThat(holds.place(HoldTarget.CONTACT, "con_01JD3Q1M5E7Z4A8Y3W6X2V9T0B", new LegalHold(holdUntil, "x", "admin-1", T0)))
                .as("no such contact").isFalse();
        // an edit after the hold keeps it (the repositories update items, they do not replace them)
        r.contacts.modify(heldContact.contactId(), c -> Optional.of(new Contact(c.contactId(), c.customerId(), "Olli Uusi",
                c.email(), c.phone(), c.roles(), c.source(), c.marketingObjection(), c.createdAt(), T0, c.restriction(),
                c.version())), id -> Optional.of(T0.minus(Duration.ofDays(8 * 365))));
        assertThat(holds.find(HoldTarget.CONTACT, heldContact.contactId())).isPresent();

        Instant tomorrow = T0.plus(Duration.ofDays(1));
        Map<String, Object> report = r.purge(tomorrow, daysBefore(T0, 1)).handleRequest(Map.of(), null);

        assertThat(r.customers.find(held.customerId())).isPresent();
        Contact heldCustomersContact = contactOf(r, held, "anna@klinikka.example");
        assertThat(r.credentials.ofContact(heldCustomersContact.contactId())).hasSize(1);
        assertThat(r.history.aboutContact(heldCustomersContact.contactId())).hasSize(1);
        assertThat(r.contacts.find(heldContact.contactId())).isPresent();
        assertThat(r.credentials.ofContact(heldContact.contactId())).hasSize(1);
        assertThat(r.contacts.find(freeContact.contactId())).as("not held: purged").isEmpty();
        assertThat(r.credentials.ofContact(freeContact.contactId())).isEmpty();
        assertThat(r.customers.find(other.customerId())).as("a held contact does not hold its customer").isEmpty();
        assertThat(r.history.aboutContact(heldContact.contactId())).as("history hangs under the customer").isEmpty();
        // held: the held customer, its contact, credential and history entry; Olli's own record and credential
        assertThat(report.get("held")).isEqualTo(6L);
        // deleted: the other customer, and with it Eeva's record, her credential and both history entries
        assertThat(report.get("deleted")).isEqualTo(5L);
        assertThat((Map<String, Long>) report.get("counts")).containsEntry("customer.deleted", 1L)
                .containsEntry("contact.cascaded", 1L).containsEntry("credential.cascaded", 1L)
                .containsEntry("history_entry.cascaded", 2L);

        holds.lift(HoldTarget.CUSTOMER, held.customerId(), tomorrow);
        Map<String, Object> next = r.purge(tomorrow.plus(Duration.ofHours(1)), daysBefore(T0, 1)).handleRequest(Map.of(), null);
        assertThat(r.customers.find(held.customerId())).isEmpty();
        assertThat(r.contacts.find(heldCustomersContact.contactId())).isEmpty();
        assertThat(r.count(RegisterTable.HISTORY)).isZero();
        assertThat(r.contacts.find(heldContact.contactId())).as("its own hold still runs").isPresent();
        // the lifted customer went back to today; its record, credential and history entry were parked a
        // week ahead (the hold on them was their customer's), and go with it now by the cascade
        assertThat(next.get("deleted")).isEqualTo(4L);

        // a hold that has run out holds nothing: the purge had moved the item to the day its hold ends
        Instant afterHold = holdUntil.plus(Duration.ofDays(1));
        r.purge(afterHold, daysBefore(T0, 1)).handleRequest(Map.of(), null);
        assertThat(r.contacts.find(heldContact.contactId())).isEmpty();
        assertThat(r.credentials.ofContact(heldContact.contactId())).isEmpty();
    }

    @Test
    void liftingACustomersHoldEarlyReleasesWhatHangsUnderItWithinAWeek() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        LegalHolds holds = new LegalHolds(r.db, r.tables.names());
        // a customer whose own clock runs for years still, contacts whose clocks have run out
        Customer customer = r.customer(T0);
        Contact contact = r.contact(customer, "ville@klinikka.example", T0);
        r.credential(contact.contactId(), "booking", Optional.of(T0.minus(Duration.ofDays(3 * 365))), T0);
        r.end(customer, T0.minus(Duration.ofDays(3 * 365)), T0); // contacts: ended + 24 months, long past
        holds.place(HoldTarget.CUSTOMER, customer.customerId(), new LegalHold(Instant.parse("2040-01-01T00:00:00Z"),
                "claim 2026/40", "admin-1", T0));
        Instant tomorrow = T0.plus(Duration.ofDays(1));

        Map<String, Object> first = r.purge(tomorrow, daysBefore(T0, 1)).handleRequest(Map.of(), null);
        assertThat(first.get("held")).isEqualTo(2L); // the contact and its credential
        assertThat(r.contacts.find(contact.contactId())).isPresent();

        holds.lift(HoldTarget.CUSTOMER, customer.customerId(), tomorrow);
        Map<String, Object> sameWeek = r.purge(tomorrow.plus(Duration.ofDays(3)), daysBefore(T0, 1))
                .handleRequest(Map.of(), null);
        assertThat(sameWeek.get("deleted")).as("parked for a week, not until 2040").isEqualTo(0L);
        Map<String, Object> weekLater = r.purge(tomorrow.plus(Duration.ofDays(HeldItems.RECHECK_DAYS + 1)),
                daysBefore(T0, 1)).handleRequest(Map.of(), null);
        assertThat(weekLater.get("deleted")).isEqualTo(2L);
        assertThat(r.contacts.find(contact.contactId())).isEmpty();
        assertThat(r.credentials.ofContact(contact.contactId())).isEmpty();
        assertThat(r.customers.find(customer.customerId())).as("its own clock still runs").isPresent();
    }

    @Test
    void aHeldClosedRequestOutlivesItsClock() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        LegalHolds holds = new LegalHolds(r.db, r.tables.names());
        DataSubjectRequest kept = r.minimisedRequest("pekka@example.fi", T0, T0);
        DataSubjectRequest gone = r.minimisedRequest("paula@example.fi", T0, T0);
        Instant end = T0.atZone(RetentionPolicy.HELSINKI).plus(Period.ofMonths(36)).toInstant().plusSeconds(1);
        Instant holdEnds = end.plus(Duration.ofDays(5));
        holds.place(HoldTarget.REQUEST, kept.requestId(), new LegalHold(holdEnds,
                "complaint to the Data Protection Ombudsman", "admin-1", T0));
        r.purge(end, daysBefore(end, 1)).handleRequest(Map.of(), null);
        assertThat(r.requests.find(kept.requestId())).isPresent();
        assertThat(r.requests.find(gone.requestId())).isEmpty();
        // days pass and the checkpoint moves on; when the hold ends, the purge meets the request again
        r.purge(holdEnds.minus(Duration.ofDays(1)), daysBefore(end, 1)).handleRequest(Map.of(), null);
        assertThat(r.requests.find(kept.requestId())).isPresent();
        r.purge(holdEnds.plus(Duration.ofHours(1)), daysBefore(end, 1)).handleRequest(Map.of(), null);
        assertThat(r.requests.find(kept.requestId())).isEmpty();
    }

    @Test
    void aRunCutOffAfterSomeBatchesIsContinuedByTheNextAndTheReportCountsEachItemOnce() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        dueAuditEntries(r, 1_000);
        AtomicInteger batches = new AtomicInteger();
        // the Lambda's remaining time drops below the safety margin once four batches are done
        RetentionPurge.TimeLeft fourBatches = () -> batches.get() < 4 ? 900_000 : 1_000;
        PurgeProgress counting = (done, deleted, table, day) -> batches.set((int) done);

        Map<String, Object> first = r.purge(NOW, daysBefore(NOW, 1)).run(Map.of(), fourBatches, counting);
        assertThat(first.get("complete")).isEqualTo(false);
        assertThat(first.get("deleted")).isEqualTo(4L * BucketPurge.BATCH);
        assertThat(auditEntriesLeft(r)).isEqualTo(1_000 - 4 * BucketPurge.BATCH);
        assertThat(reports(r)).as("a cut-off run parks its counts instead of reporting").isEmpty();

        Map<String, Object> second = r.purge(NOW.plus(Duration.ofHours(1)), daysBefore(NOW, 1)).handleRequest(Map.of(), null);
        assertThat(second.get("complete")).isEqualTo(true);
        assertThat(second.get("runId")).isEqualTo(first.get("runId"));
        assertThat(second.get("deleted")).isEqualTo(1_000L);
        assertThat(((Map<String, Long>) second.get("counts")).get("invocations")).isEqualTo(2L);
        assertThat(auditEntriesLeft(r)).isZero();
        assertThat(reports(r)).hasSize(1);
        assertThat(reports(r).get(0).get("details").m().get("audit_entry.deleted").n()).isEqualTo("1000");

        Map<String, Object> third = r.purge(NOW.plus(Duration.ofHours(2)), daysBefore(NOW, 1)).handleRequest(Map.of(), null);
        assertThat(third.get("runId")).isNotEqualTo(first.get("runId"));
        assertThat(third.get("deleted")).isEqualTo(0L);
    }

    @Test
    void anItemWhoseClockIsExtendedBetweenTheIndexReadAndTheDeleteSurvives() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Contact c = r.contact(customer, "user" + i + "@klinikka.example", T0);
            r.credential(c.contactId(), "booking", Optional.of(T0), T0);
            contacts.add(c);
        }
        Instant due = T0.atZone(RetentionPolicy.HELSINKI).plus(Period.ofMonths(12)).toInstant().plusSeconds(5);
        String[] extendedHolder = new String[1];
        AtomicInteger batches = new AtomicInteger();
        RetentionPurge.BatchRead signInMeanwhile = (table, keys) -> {
            if (table == PurgeTable.CREDENTIALS && batches.getAndIncrement() == 0) {
                extendedHolder[0] = keys.get(keys.size() - 1).get("contactId").s();
                r.credentials.recordSignIn(extendedHolder[0], "booking", due); // the person signed in just now
            }
        };
        Map<String, Object> report = r.purge(due, daysBefore(due, 1), signInMeanwhile, millis -> { })
                .handleRequest(Map.of(), null);

        String extended = extendedHolder[0];
        assertThat(contacts).extracting(Contact::contactId).contains(extended);
        assertThat(r.credentials.ofContact(extended)).as("the extended clock wins").hasSize(1);
        assertThat(r.count(RegisterTable.CREDENTIALS)).isEqualTo(1);
        assertThat(report.get("deleted")).isEqualTo(29L);
        assertThat(report.get("kept")).isEqualTo(1L);
    }

    @Test
    void twoRunsAtOnceDeleteEveryDueItemOnceAndNeitherFails() throws Exception {
        PurgeFixture r = new PurgeFixture(ENGINE);
        dueAuditEntries(r, 600);
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Map<String, Object>> run = () -> {
            RetentionPurgeHandler handler = r.purge(NOW, daysBefore(NOW, 1));
            together.await();
            return handler.handleRequest(Map.of(), null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, Object>> a = pool.submit(run);
            Future<Map<String, Object>> b = pool.submit(run);
            long deleted = (Long) a.get().get("deleted") + (Long) b.get().get("deleted");
            assertThat(deleted).as("no item counted twice, none missed").isEqualTo(600L);
            assertThat(a.get().get("errors")).isEqualTo(0L);
            assertThat(b.get().get("errors")).isEqualTo(0L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(auditEntriesLeft(r)).isZero();
        assertThat(reports(r)).hasSize(2);
    }

    @Test
    void throttledDeletesAreRetriedWithBackoffAndWhatStillFailsIsLeftForTheNextRun() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        dueAuditEntries(r, 60);
        AtomicInteger deletes = new AtomicInteger();
        List<Long> sleeps = new ArrayList<>();
        String stubborn = "2025-06-10T00:00:00.000Z#7";
        DynamoDbClient throttling = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteItem") && args[0] instanceof java.util.function.Consumer<?> c) {
                        var builder = software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.builder();
                        ((java.util.function.Consumer<Object>) c).accept(builder);
                        var request = builder.build();
                        boolean always = request.key().get("tsId").s().equals(stubborn);
                        if (always || deletes.incrementAndGet() % 3 == 0) {
                            throw ProvisionedThroughputExceededException.builder().message("slow down").build();
                        }
                        return r.db.deleteItem(request);
                    }
                    try {
                        return method.invoke(r.db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var handler = new RetentionPurgeHandler(new fi.dentalsystems.register.core.config.HandlerSetup(throttling,
                r.tables.names(), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), mail -> "unused",
                Map.of("PURGE_FIRST_DAY", daysBefore(NOW, 5))), report -> { }, RetentionPurge.BatchRead.none(),
                sleeps::add);

        Map<String, Object> report = handler.handleRequest(Map.of(), null);
        assertThat(report.get("deleted")).isEqualTo(59L);
        assertThat(report.get("errors")).isEqualTo(1L);
        assertThat(auditEntriesLeft(r)).isEqualTo(1);
        assertThat(sleeps).isNotEmpty();
        assertThat(sleeps.get(sleeps.size() - 1)).as("backoff grows").isGreaterThan(sleeps.get(0));

        // the failed item's day stays open: an unthrottled run finds and deletes it
        Map<String, Object> next = r.purge(NOW.plus(Duration.ofDays(3)), daysBefore(NOW, 5)).handleRequest(Map.of(), null);
        assertThat(next.get("deleted")).isEqualTo(1L);
        assertThat(auditEntriesLeft(r)).isZero();
    }

    @Test
    void aDryRunReportsWhatWouldGoAndDeletesNothing() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = longEnded(r, "liisa@klinikka.example");
        Instant tomorrow = T0.plus(Duration.ofDays(1));

        Map<String, Object> dry = r.purge(T0, daysBefore(T0, 1))
                .handleRequest(Map.of("dryRun", true, "now", tomorrow.toString()), null);
        assertThat(dry.get("dryRun")).isEqualTo(true);
        assertThat(dry.get("deleted")).isEqualTo(4L); // customer, contact, credential, history entry
        assertThat(r.customers.find(customer.customerId())).isPresent();
        assertThat(r.count(RegisterTable.CONTACTS) + r.count(RegisterTable.CREDENTIALS) + r.count(RegisterTable.HISTORY))
                .isEqualTo(3);
        assertThat(reports(r)).singleElement().satisfies(i -> assertThat(i.get("action").s()).isEqualTo("READ"));

        // a real run on a moved clock would delete early: only a dry run may move the clock in AWS
        assertThatThrownBy(() -> r.purge(T0, daysBefore(T0, 1)).handleRequest(Map.of("now", tomorrow.toString()), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dry run");
        Map<String, Object> real = r.purge(tomorrow, daysBefore(T0, 1)).handleRequest(Map.of(), null);
        assertThat(real.get("deleted")).isEqualTo(dry.get("deleted"));
        assertThat(r.count(RegisterTable.CUSTOMERS) + r.count(RegisterTable.CONTACTS) + r.count(RegisterTable.CREDENTIALS)
                + r.count(RegisterTable.HISTORY)).isZero();
    }

    @Test
    void theReportHoldsCountsAndIdsOnly() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = longEnded(r, "salainen.henkilo@klinikka.example");
        Contact contact = contactOf(r, customer, "salainen.henkilo@klinikka.example");
        Map<String, Object> report = r.purge(T0.plus(Duration.ofDays(1)), daysBefore(T0, 1)).handleRequest(Map.of(), null);

        String everything = report + " " + reports(r);
        assertThat(everything).doesNotContain("salainen.henkilo").doesNotContain("Maija").doesNotContain("Hammaslääkäri")
                .doesNotContain(customer.businessId()).doesNotContain(contact.contactId());
        Map<String, AttributeValue> entry = reports(r).get(0);
        assertThat(entry.get("targetId").s()).isEqualTo(report.get("runId"));
        assertThat(entry.get("details").m()).containsKeys("customer.deleted", "contact.cascaded", "consumedCapacityMilli",
                "durationMillis", "batches", "invocations");
        assertThat(r.exists(RegisterTable.CUSTOMERS, key("customerId", customer.customerId()))).isFalse();
    }

    /**
     * The run's metrics for real, once (issue 15): Powertools metrics with the Lambda environment
     * surefire sets (AWS_LAMBDA_FUNCTION_NAME, POWERTOOLS_METRICS_NAMESPACE), the EMF lines it
     * prints parsed — namespace, metric names and values, numbers only.
     */
    @Test
    void aRunEmitsItsCountsAsEmbeddedMetricsThatCloudWatchCanRead() throws Exception {
        PurgeFixture r = new PurgeFixture(ENGINE);
        longEnded(r, "metri.mittari@klinikka.example");
        var handler = new RetentionPurgeHandler(new fi.dentalsystems.register.core.config.HandlerSetup(r.db,
                r.tables.names(), java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), mail -> "unused",
                Map.of("PURGE_FIRST_DAY", daysBefore(T0, 1))), RetentionPurgeHandler::emitMetrics,
                RetentionPurge.BatchRead.none(), millis -> { });
        EmbeddedMetrics<Map<String, Object>> printed = EmbeddedMetrics.of(() -> handler.handleRequest(Map.of(), null));
        Map<String, Object> report = printed.answer();
        assertThat(report.get("deleted")).isEqualTo(4L);
        assertThat(printed.line()).as("an EMF line on stdout: " + printed.printed()).isPresent();
        com.fasterxml.jackson.databind.JsonNode emf = printed.line().orElseThrow();
        var directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("CustomerRegister");
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .contains("Purged.customer", "Purged.contact", "PurgeErrors", "PurgeComplete");
        assertThat(emf.path("_aws").path("Timestamp").asLong()).isPositive();
        assertThat(emf.path("Purged.customer").asInt()).isEqualTo(1);
        assertThat(emf.path("PurgeErrors").asInt()).isZero();
        assertThat(emf.path("PurgeComplete").asInt()).isEqualTo(1);
        assertThat(emf.toString()).doesNotContain("metri.mittari").doesNotContain("@");
    }
}
