package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.SuppressionItem;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fi.dentalsystems.register.purge.PurgeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the retention table (DESIGN.md, RetentionPolicy.defaults()), driven by the clock:
 * an item one second before its end survives the purge, one second after it is gone.
 */
@SuppressWarnings("unchecked")
class RetentionScheduleTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");
    static final Duration SECOND = Duration.ofSeconds(1);

    /** The purge's first day: the day before the item's end, so the run reads the few days that matter. */
    private static String dayBefore(Instant end) {
        return LocalDate.ofInstant(end, RetentionPolicy.HELSINKI).minusDays(1).toString();
    }

    private static Instant plus(Instant t, Period p) {
        return t.atZone(RetentionPolicy.HELSINKI).plus(p).toInstant();
    }

    @Test
    void contactsOfAnEndedCustomerGo24MonthsAfterTheEndTakingTheirCredentials() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        Contact contact = r.contact(customer, "maija@klinikka.example", T0);
        r.credential(contact.contactId(), "booking", Optional.of(T0), T0);
        Instant endedAt = T0.plus(Duration.ofDays(30));
        r.end(customer, endedAt);
        Instant end = plus(endedAt, Period.ofMonths(24));

        Map<String, Object> before = r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.exists(RegisterTable.CONTACTS, key("contactId", contact.contactId()))).isTrue();
        assertThat(before.get("deleted")).isEqualTo(0L);

        Map<String, Object> after = r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.exists(RegisterTable.CONTACTS, key("contactId", contact.contactId()))).isFalse();
        assertThat(r.credentials.ofContact(contact.contactId())).as("credentials go with the contact").isEmpty();
        Map<String, Long> counts = (Map<String, Long>) after.get("counts");
        assertThat(counts).containsEntry("contact.deleted", 1L).containsEntry("credential.cascaded", 1L);
        // the customer's billing record is still kept: its own clock is longer
        assertThat(r.customers.find(customer.customerId())).isPresent();
    }

    @Test
    void theCustomerOrganisationGoesSixYearsAfterTheEndOfTheYearItsRelationshipEnded() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        Instant endedAt = Instant.parse("2027-03-10T12:00:00Z");
        r.end(customer, endedAt);
        Instant end = ZonedDateTime.of(2034, 1, 1, 0, 0, 0, 0, RetentionPolicy.HELSINKI).toInstant();
        HistoryEntry lateEntry = r.historyEntry(customer, Optional.empty(), endedAt, endedAt);

        r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.customers.find(customer.customerId())).as("kept until the Accounting Act's period ends").isPresent();

        Map<String, Object> after = r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.customers.find(customer.customerId())).isEmpty();
        assertThat(r.customers.findIdByBusinessId(customer.businessId())).as("the business-id claim is released").isEmpty();
        assertThat(r.exists(RegisterTable.CUSTOMERS, key("customerId", "businessId#" + customer.businessId()))).isFalse();
        assertThat(r.count(RegisterTable.CUSTOMERS)).isZero();
        // the history entry had its own, shorter clock and day: it is not in this window's buckets, but it
        // hangs under the purged customer and its clock has ended, so the cascade took it
        assertThat(r.count(RegisterTable.HISTORY)).isZero();
        assertThat(after.get("deleted")).isEqualTo(2L);
        assertThat((Map<String, Long>) after.get("counts")).containsEntry("customer.deleted", 1L)
                .containsEntry("history_entry.cascaded", 1L);
        assertThat(lateEntry.entryId()).isNotBlank();
    }

    @Test
    void historyEntriesGo36MonthsAfterTheyOccurred() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        Instant occurred = T0.minus(Duration.ofDays(3));
        HistoryEntry entry = r.historyEntry(customer, Optional.empty(), occurred, T0);
        Instant end = plus(occurred, Period.ofMonths(36));

        r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.count(RegisterTable.HISTORY)).isEqualTo(1);
        Map<String, Object> after = r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.count(RegisterTable.HISTORY)).isZero();
        assertThat((Map<String, Long>) after.get("counts")).containsEntry("history_entry.deleted", 1L);
        assertThat(r.customers.find(customer.customerId())).as("an active customer is not purged").isPresent();
        assertThat(entry.entryId()).startsWith(HistoryEntry.ID_PREFIX);
    }

    @Test
    void aBackdatedHistoryEntryWhoseEndHasPassedGoesInTheNextRun() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        // occurred four years before it was recorded: already past its end when written
        r.historyEntry(customer, Optional.empty(), T0.minus(Duration.ofDays(4 * 365)), T0);
        Map<String, Object> run = r.purge(T0.plus(Duration.ofHours(20)), dayBefore(T0)).handleRequest(Map.of(), null);
        assertThat(r.count(RegisterTable.HISTORY)).isZero();
        assertThat(run.get("deleted")).isEqualTo(1L);
    }

    @Test
    void credentialsGo12MonthsAfterTheLastSignInAndASignInMovesTheClock() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer customer = r.customer(T0);
        Contact contact = r.contact(customer, "teemu@klinikka.example", T0);
        r.credential(contact.contactId(), "booking", Optional.of(T0), T0);
        r.credential(contact.contactId(), "portal", Optional.empty(), T0);
        Instant signIn = T0.plus(Duration.ofDays(100));
        r.credentials.recordSignIn(contact.contactId(), "portal", signIn);
        Instant end = plus(T0, Period.ofMonths(12));

        r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.credentials.ofContact(contact.contactId())).hasSize(2);
        r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.credentials.ofContact(contact.contactId())).extracting(c -> c.getService())
                .containsExactly("portal");
        Instant portalEnd = plus(signIn, Period.ofMonths(12));
        r.purge(portalEnd.plus(SECOND), dayBefore(portalEnd)).handleRequest(Map.of(), null);
        assertThat(r.credentials.ofContact(contact.contactId())).isEmpty();
        assertThat(r.contacts.find(contact.contactId())).as("the contact's own clock has not started").isPresent();
    }

    @Test
    void closedRequestsGo36MonthsAfterTheyClosedOnceMinimised() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Instant closed = T0.plus(Duration.ofDays(2));
        DataSubjectRequest request = r.minimisedRequest("pekka@example.fi", T0, closed);
        Instant end = plus(closed, Period.ofMonths(36));

        r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.requests.find(request.requestId())).isPresent();
        r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(r.requests.find(request.requestId())).isEmpty();
    }

    @Test
    void auditEntriesGo24MonthsAfterTheyWereWritten() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        r.auditEntry(T0, "cus_01JD3Q1M5E7Z4A8Y3W6X2V9T0B");
        Instant end = plus(T0, Period.ofMonths(24));

        r.purge(end.minus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        long before = entriesAbout(r, "cus_01JD3Q1M5E7Z4A8Y3W6X2V9T0B");
        r.purge(end.plus(SECOND), dayBefore(end)).handleRequest(Map.of(), null);
        assertThat(before).isEqualTo(1);
        assertThat(entriesAbout(r, "cus_01JD3Q1M5E7Z4A8Y3W6X2V9T0B")).isZero();
        // what stays in the audit table: the purge reports themselves (ids and counts)
        assertThat(r.auditEntries()).allSatisfy(i -> assertThat(i.get("targetType").s()).isEqualTo("PURGE_RUN"));
    }

    @Test
    void suppressionHashesAreNeverPurged() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        var table = DynamoDbEnhancedClient.builder().dynamoDbClient(r.db).build()
                .table(r.name(RegisterTable.SUPPRESSION), SuppressionItem.SCHEMA);
        SuppressionItem item = new SuppressionItem();
        item.setEmailHash("0f".repeat(32));
        table.putItem(item);
        assertThat(RetentionPolicy.defaults().purgeAt(DataCategory.SUPPRESSION_ENTRY, T0)).isEmpty();
        Instant farAhead = plus(T0, Period.ofYears(50));
        r.purge(farAhead, dayBefore(farAhead)).handleRequest(Map.of(), null);
        assertThat(r.count(RegisterTable.SUPPRESSION)).isEqualTo(1);
    }

    @Test
    void rawInboundMailExpiresByTheBucketLifecycleTheTemplateSetsFromThePolicy() {
        Map<String, Object> bucket = (Map<String, Object>) SamTemplate.load().resources().get("InboundMailBucket");
        Map<String, Object> lifecycle = (Map<String, Object>) ((Map<String, Object>) bucket.get("Properties"))
                .get("LifecycleConfiguration");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) lifecycle.get("Rules");
        Period policy = RetentionPolicy.defaults().rule(DataCategory.RAW_INBOUND_MAIL).period();
        assertThat(rules).anySatisfy(rule -> assertThat(((Number) rule.get("ExpirationInDays")).intValue())
                .isEqualTo(policy.getDays()));
    }

    @Test
    void verificationLinksStopWorkingWhenThePolicySays() {
        Duration policy = Duration.between(T0, RetentionPolicy.defaults()
                .purgeAt(DataCategory.VERIFICATION_TOKEN, T0).orElseThrow());
        assertThat(VerificationToken.LIFETIME).isEqualTo(policy);
    }

    private static long entriesAbout(PurgeFixture r, String targetId) {
        return r.all(RegisterTable.AUDIT).stream()
                .filter(i -> i.getOrDefault("targetId", AttributeValue.fromS("")).s().equals(targetId)).count();
    }
}
