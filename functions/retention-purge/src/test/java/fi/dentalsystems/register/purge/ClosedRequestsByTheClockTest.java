package fi.dentalsystems.register.purge;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.store.RequestItem;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fi.dentalsystems.register.purge.PurgeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, by the clock, through the real purge: every closed request — COMPLETED of each type,
 * REJECTED, UNVERIFIED — keeps its content 30 days after it closed, is then reduced to evidence by
 * the purge (its second clock set on the same byPurge index), and deleted 36 months after it closed.
 */
@SuppressWarnings("unchecked")
class ClosedRequestsByTheClockTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T10:15:00Z");
    static final Instant CLOSED = T0.plus(Duration.ofDays(3));
    static final Duration SECOND = Duration.ofSeconds(1);

    /** Everything a request may hold that the evidence must not: name, details, notes, intake facts, the address. */
    private static DataSubjectRequest withContent(RequestType type, String email) {
        return RequestLifecycle.fromMail(RequestLifecycle.receive(type, RequestChannel.EMAIL, email,
                Optional.of("Paula Pyytäjä"), Optional.of("please fix my phone 040 765 4321"), Language.FI,
                "email-intake", T0), fi.dentalsystems.register.core.domain.DataSubjectRequest.ID_PREFIX
                + fi.dentalsystems.register.core.domain.Ulid.next(T0), Map.of("rawMail", "s3://inbound/inbound/abc",
                "messageId", "<m1@example.fi>"));
    }

    private static Map<String, DataSubjectRequest> everyTerminalStatus(RequestRepository requests) {
        Map<String, DataSubjectRequest> closed = new LinkedHashMap<>();
        for (RequestType type : List.of(RequestType.ACCESS, RequestType.RECTIFICATION, RequestType.OBJECTION,
                RequestType.ERASURE, RequestType.RESTRICTION)) {
            String email = "completed-" + type.name().toLowerCase(java.util.Locale.ROOT) + "@example.fi";
            DataSubjectRequest r = requests.create(withContent(type, email));
            DataSubjectRequest verified = RequestLifecycle.verifyByStaff(r, "staff-1", "Paula phoned from 040 765 4321", T0);
            DataSubjectRequest extended = RequestLifecycle.extend(verified, 1, "Paula asked for time", "staff-1", T0);
            DataSubjectRequest done = RequestLifecycle.complete(extended, "staff-1", "done by type " + type, CLOSED);
            closed.put("COMPLETED " + type, requests.update(RequestLifecycle.answerSent(done, CLOSED)));
        }
        DataSubjectRequest toReject = requests.create(withContent(RequestType.ACCESS, "rejected@example.fi"));
        closed.put("REJECTED", requests.update(RequestLifecycle.reject(toReject, "Paula could not be identified",
                "staff-1", CLOSED)));
        DataSubjectRequest duplicate = requests.create(withContent(RequestType.ACCESS, "duplicate@example.fi")
                .duplicateOf("req_01KAAAAAAAAAAAAAAAAAAAAAAA"));
        closed.put("REJECTED duplicate", requests.update(RequestLifecycle.reject(duplicate,
                RequestLifecycle.DUPLICATE_REASON + "req_01KAAAAAAAAAAAAAAAAAAAAAAA", "staff-1", CLOSED)));
        DataSubjectRequest form = RequestLifecycle.receive(RequestType.ERASURE, RequestChannel.WEB_FORM,
                "unverified@example.fi", Optional.of("Paula Pyytäjä"), Optional.of("kaikki pois"), Language.SV, "public", T0);
        DataSubjectRequest awaiting = RequestLifecycle.awaitVerification(form, VerificationToken.issue(form.requestId()), T0);
        DataSubjectRequest reminded = RequestLifecycle.remind(requests.create(awaiting),
                VerificationToken.issue(form.requestId()), T0);
        closed.put("UNVERIFIED", requests.update(RequestLifecycle.abandon(reminded, CLOSED)));
        return closed;
    }

    private static Map<String, AttributeValue> item(PurgeFixture r, String id) {
        return r.db.getItem(q -> q.tableName(r.name(RegisterTable.REQUESTS)).key(key(RequestItem.REQUEST_ID, id))
                .consistentRead(true)).item();
    }

    @Test
    void everyClosedRequestIsMinimised30DaysAfterItClosedAndDeletedAfter36Months() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        Map<String, DataSubjectRequest> closed = everyTerminalStatus(r.requests);
        assertThat(closed.values()).extracting(DataSubjectRequest::status).containsOnly(RequestStatus.COMPLETED,
                RequestStatus.REJECTED, RequestStatus.UNVERIFIED);
        Instant minimisedAt = CLOSED.plus(Duration.ofDays(30));
        String firstDay = LocalDate.ofInstant(minimisedAt, RetentionPolicy.HELSINKI).minusDays(1).toString();

        Map<String, Object> early = r.purge(minimisedAt.minus(SECOND), firstDay).handleRequest(Map.of(), null);
        assertThat(early.get("minimised")).isEqualTo(0L);
        closed.forEach((what, request) -> assertThat(r.requests.find(request.requestId()).orElseThrow().name())
                .as(what + " keeps its content for 30 days").contains("Paula Pyytäjä"));

        Map<String, Object> report = r.purge(minimisedAt.plus(SECOND), firstDay).handleRequest(Map.of(), null);
        assertThat(report.get("minimised")).isEqualTo((long) closed.size());
        assertThat(report.get("deleted")).isEqualTo(0L);
        SuppressionKey hashes = new SuppressionKey(Pepper.of(PurgeFixture.PEPPER));
        Instant end = CLOSED.atZone(RetentionPolicy.HELSINKI).plus(Period.ofMonths(36)).toInstant();
        closed.forEach((what, request) -> {
            Map<String, AttributeValue> item = item(r, request.requestId());
            assertThat(item).as(what + ": only what accountability needs").doesNotContainKeys("name", "details",
                    "email", "intake", "extensionReason", "tokenHash", "tokenExpiresAt", RequestItem.SPENT_TOKEN_HASH);
            assertThat(item.toString()).as(what).doesNotContain("Paula").doesNotContain("040 765").doesNotContain("@")
                    .doesNotContain("s3://").doesNotContain("kaikki");
            assertThat(item).containsKeys("requestId", "type", "status", "channel", "receivedAt", "dueAt", "events",
                    RequestItem.MINIMISED_AT, RequestItem.OUTCOME);
            assertThat(item.get(RequestItem.ADDRESS_HASH).s()).as(what + ": the address as its peppered hash")
                    .isEqualTo(hashes.of(request.email()));
            assertThat(item.get("events").l()).allSatisfy(e -> {
                assertThat(e.m()).containsKeys("at", "kind", "actor").doesNotContainKey("note");
            });
            assertThat(item.get(RequestItem.PURGE_AT).n()).as(what + ": its second clock")
                    .isEqualTo(Long.toString(end.getEpochSecond()));
            // "did you answer my request?": found again by the address's hash, not by the address
            assertThat(r.requests.withAddressHash(hashes.of(request.email()))).extracting(DataSubjectRequest::requestId)
                    .containsExactly(request.requestId());
            assertThat(r.requests.withEmail(request.email())).isEmpty();
        });
        assertThat(item(r, closed.get("COMPLETED ERASURE").requestId()).get(RequestItem.OUTCOME).s())
                .isEqualTo("COMPLETED: done by type ERASURE; answered");
        assertThat(item(r, closed.get("REJECTED").requestId()).get(RequestItem.OUTCOME).s()).isEqualTo("REJECTED");
        assertThat(item(r, closed.get("REJECTED duplicate").requestId()).get(RequestItem.OUTCOME).s())
                .isEqualTo("REJECTED: duplicate of req_01KAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(item(r, closed.get("REJECTED duplicate").requestId()).get(RequestItem.DUPLICATE_OF).s())
                .isEqualTo("req_01KAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(item(r, closed.get("UNVERIFIED").requestId()).get(RequestItem.OUTCOME).s()).isEqualTo("UNVERIFIED");

        Map<String, Object> again = r.purge(minimisedAt.plus(Duration.ofDays(3)), firstDay).handleRequest(Map.of(), null);
        assertThat(again.get("minimised")).as("minimised once").isEqualTo(0L);

        r.purge(end.minus(SECOND), firstDay).handleRequest(Map.of(), null);
        List<String> left = new ArrayList<>();
        closed.values().forEach(q -> r.requests.find(q.requestId()).ifPresent(x -> left.add(x.requestId())));
        assertThat(left).as("the evidence stays 36 months").hasSize(closed.size());
        Map<String, Object> last = r.purge(end.plus(SECOND), firstDay).handleRequest(Map.of(), null);
        assertThat(last.get("deleted")).isEqualTo((long) closed.size());
        closed.values().forEach(q -> assertThat(r.requests.find(q.requestId())).isEmpty());
    }

    @Test
    void aDryRunSaysWhatWouldBeMinimisedAndChangesNothing() {
        PurgeFixture r = new PurgeFixture(ENGINE);
        DataSubjectRequest request = r.closedRequest("dry@example.fi", T0, CLOSED);
        Instant at = CLOSED.plus(Duration.ofDays(31));
        String firstDay = LocalDate.ofInstant(at, RetentionPolicy.HELSINKI).minusDays(3).toString();
        Map<String, Object> dry = r.purge(at, firstDay).handleRequest(Map.of("dryRun", true), null);
        assertThat(dry.get("minimised")).isEqualTo(1L);
        assertThat(r.requests.find(request.requestId()).orElseThrow().isMinimised()).isFalse();
    }
}
