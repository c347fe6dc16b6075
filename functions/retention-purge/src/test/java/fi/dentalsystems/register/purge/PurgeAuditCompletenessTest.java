package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.retention.LegalHold;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.HoldTarget;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write of personal data is audited (issue 14), the purge's too: each item a run deletes — a
 * customer, what hangs under it (contacts, credentials, history entries), a request at its second clock —
 * or reduces to evidence (a request at its first) is named, by id, in an audit entry of the same run;
 * a held customer the run only moves on, and the items it judges by their index entries, need none.
 */
@SuppressWarnings("unchecked")
class PurgeAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");

    @Test
    void everyItemARunDeletesOrMinimisesIsNamedInAnAuditEntryOfTheSameRun() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Customer gone = longEnded(r, "anna@klinikka.example", "eino@klinikka.example");
        Customer held = longEnded(r, "helmi@klinikka.example");
        Instant tomorrow = T0.plus(Duration.ofDays(1));
        new LegalHolds(r.db, r.tables.names()).place(HoldTarget.CUSTOMER, held.customerId(),
                new LegalHold(tomorrow.plus(Duration.ofHours(1)), "claim 2026/17", "admin-1", T0));
        // closed 31 days ago: its first clock ran out yesterday
        DataSubjectRequest firstClock = r.closedRequest("paula@example.fi", T0.minus(Duration.ofDays(40)),
                T0.minus(Duration.ofDays(31)));
        // evidence whose second clock ran out (written long ago: its clock is set in today's bucket here)
        DataSubjectRequest secondClock = r.minimisedRequest("pekka@example.fi", T0.minus(Duration.ofDays(4 * 365)),
                T0.minus(Duration.ofDays(4 * 365 - 10)));
        r.db.updateItem(u -> u.tableName(r.name(RegisterTable.REQUESTS))
                .key(PurgeFixture.key("requestId", secondClock.requestId()))
                .updateExpression("SET purgeAt = :at, purgeBucket = :b").expressionAttributeValues(Map.of(
                        ":at", AttributeValue.fromN(Long.toString(T0.getEpochSecond())),
                        ":b", AttributeValue.fromS(RetentionPolicy.bucket(T0)))));
        List<String> goneContacts = r.contacts.ofCustomer(gone.customerId()).stream().map(Contact::contactId).toList();
        String firstDay = LocalDate.ofInstant(T0, RetentionPolicy.HELSINKI).minusDays(2).toString();

        AuditCompleteness completeness = new AuditCompleteness();
        var first = completeness.checking(r.purge(completeness.recording(r.db), tomorrow, firstDay,
                RetentionPurge.BatchRead.none(), millis -> { }), e -> "schedule");
        Map<String, Object> report = first.handleRequest(Map.of(), null);
        assertThat(report.get("deleted")).as("the customer, 2 contacts, 2 credentials, 2 history entries, a request")
                .isEqualTo(8L);
        assertThat(report.get("minimised")).isEqualTo(1L);
        assertThat(r.customers.find(held.customerId())).as("held: moved on").isPresent();
        var second = completeness.checking(r.purge(completeness.recording(r.db), tomorrow.plus(Duration.ofHours(2)),
                firstDay, RetentionPurge.BatchRead.none(), millis -> { }), e -> "schedule");
        assertThat(second.handleRequest(Map.of(), null).get("deleted")).as("the hold ran out").isEqualTo(4L);

        assertThat(completeness.invocations()).isEqualTo(2);
        assertThat(completeness.unaudited()).isEmpty();
        Set<String> listed = r.all(RegisterTable.AUDIT).stream()
                .filter(i -> report.get("runId").equals(i.get("targetId") == null ? null : i.get("targetId").s()))
                .filter(i -> i.get("action").s().equals("DELETE") && i.containsKey("details"))
                .flatMap(i -> i.get("details").m().keySet().stream()).collect(Collectors.toSet());
        assertThat(listed).as("named by id in the run's entries").contains(gone.customerId(), secondClock.requestId())
                .containsAll(goneContacts).doesNotContain(firstClock.requestId(), held.customerId());
        assertThat(listed).as("ids only, never an address").noneMatch(id -> id.contains("@"));
    }

    /** As PurgeRunTest's: a relationship that ended eight years ago, every clock run out, all due today. */
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
}
