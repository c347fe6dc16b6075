package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily run's follow-ups of closed requests (issue 15), against the real engine through the
 * handler: a lapsed export link is recorded once as EXPORT_EXPIRED, and closed letters whose
 * originals are not shredded 30 days after closing are listed by id in the summary.
 */
@SuppressWarnings("unchecked")
class FollowUpsTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final DynamoDbPermissions PERMISSIONS = DynamoDbPermissions.checkedAfterAll("DeadlineMonitorFunction");
    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    private record Run(DeadlineMonitorHandler handler, MovableClock clock, List<Mail> sent, RequestRepository requests) {
        Map<String, Object> daily() {
            return handler.handleRequest(Map.of(), null);
        }
    }

    private static Run run() {
        DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        MovableClock clock = new MovableClock(T0);
        List<Mail> sent = new ArrayList<>();
        DeadlineMonitorHandler handler = new DeadlineMonitorHandler(new HandlerSetup(
                PERMISSIONS.recording(ENGINE.client()), tables.names(), clock, mail -> {
                    sent.add(mail);
                    return "sent-" + sent.size();
                }, RegisterVariables.with(Map.of("REGISTER_CONTACT_EMAIL", "hilkka.salonen@dentalsystems.fi"))));
        RequestRepository requests = new RequestRepository(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(ENGINE.client()).build(), tables.byLogicalId().get("RequestsTable"));
        return new Run(handler, clock, sent, requests);
    }

    /** A completed, answered ACCESS request whose link was issued at {@code at} (7 days). */
    private static DataSubjectRequest answeredAccess(Run run, String email, Instant at) {
        DataSubjectRequest r = run.requests().create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER,
                email, Optional.of("Secret Name"), Optional.empty(), Language.FI, "staff", at.minus(Duration.ofDays(3))));
        r = run.requests().update(RequestLifecycle.verifyByStaff(r, "staff", "signed", at));
        r = run.requests().update(RequestLifecycle.exportStored(r, "exports/" + r.requestId() + ".html", "staff", at));
        r = run.requests().update(RequestLifecycle.completeWithExportLink(r, VerificationToken.issue(r.requestId()),
                "staff", "export stored", at));
        return run.requests().update(RequestLifecycle.answerSent(r, at));
    }

    @Test
    void aLinkThatExpiredUnopenedIsRecordedOnceAndItsHashGoes() {
        Run run = run();
        DataSubjectRequest lapsed = answeredAccess(run, "lapsed@example.fi", T0);
        DataSubjectRequest live = answeredAccess(run, "live@example.fi", T0.plus(Duration.ofDays(3)));
        DataSubjectRequest opened = run.requests().update(RequestLifecycle.exportOpened(
                answeredAccess(run, "opened@example.fi", T0), T0.plus(Duration.ofDays(1))));
        run.clock().advance(Duration.ofDays(8));

        Map<String, Object> answer = run.daily();

        assertThat((List<Object>) answer.get("exportLinksExpired")).containsExactly(lapsed.requestId());
        DataSubjectRequest recorded = run.requests().find(lapsed.requestId()).orElseThrow();
        assertThat(recorded.events().get(recorded.events().size() - 1).kind()).isEqualTo(RequestLifecycle.EXPORT_EXPIRED);
        assertThat(recorded.tokenHash()).isEmpty();
        assertThat(run.requests().find(live.requestId()).orElseThrow().events())
                .noneMatch(e -> e.kind().equals(RequestLifecycle.EXPORT_EXPIRED));
        assertThat(run.requests().find(opened.requestId()).orElseThrow().events())
                .noneMatch(e -> e.kind().equals(RequestLifecycle.EXPORT_EXPIRED));

        // three days on: the lapse is not recorded again, and the live one has lapsed by now
        run.clock().advance(Duration.ofDays(3));
        assertThat((List<Object>) run.daily().get("exportLinksExpired")).containsExactly(live.requestId());
        assertThat(run.requests().find(lapsed.requestId()).orElseThrow().events())
                .filteredOn(e -> e.kind().equals(RequestLifecycle.EXPORT_EXPIRED)).hasSize(1);
    }

    @Test
    void aMovedClockReportsButRecordsNoLapseEarly() {
        Run run = run();
        DataSubjectRequest r = answeredAccess(run, "ahead@example.fi", T0);
        Map<String, Object> ahead = run.handler().handleRequest(Map.of("now", T0.plus(Duration.ofDays(9)).toString()), null);
        assertThat((List<Object>) ahead.get("exportLinksExpired")).isEmpty();
        assertThat(run.requests().find(r.requestId()).orElseThrow().tokenHash()).isPresent();
    }

    @Test
    void lettersOfRequestsClosedOverThirtyDaysAgoAndNotShreddedAreListedByIdOnly() {
        Run run = run();
        DataSubjectRequest due = closedLetter(run, "due@example.fi", T0, false);
        DataSubjectRequest shredded = closedLetter(run, "shredded@example.fi", T0, true);
        DataSubjectRequest recent = closedLetter(run, "recent@example.fi", T0.plus(Duration.ofDays(5)), false);
        DataSubjectRequest open = run.requests().create(RequestLifecycle.letterKept(RequestLifecycle.receive(
                RequestType.ERASURE, RequestChannel.LETTER, "open@example.fi", Optional.empty(), Optional.empty(),
                Language.FI, "staff", T0), "Cabinet 2", "staff", T0));
        DataSubjectRequest mailed = run.requests().update(RequestLifecycle.reject(run.requests().create(
                RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.EMAIL, "mail@example.fi", Optional.empty(),
                        Optional.empty(), Language.FI, "staff", T0)), "not identified", "staff", T0));
        run.clock().advance(Duration.ofDays(31));

        Map<String, Object> answer = run.daily();

        assertThat((List<Object>) answer.get("lettersToShred")).containsExactly(due.requestId());
        Mail summary = run.sent().get(run.sent().size() - 1);
        assertThat(summary.to()).isEqualTo("hilkka.salonen@dentalsystems.fi");
        assertThat(summary.text()).contains("LETTERS NOT SHREDDED 30 DAYS AFTER CLOSING (1)").contains(due.requestId())
                .doesNotContain(shredded.requestId()).doesNotContain(recent.requestId())
                .doesNotContain(mailed.requestId())
                .doesNotContain("@example.fi").doesNotContain("Cabinet");

        // once its shredding is recorded it leaves the summary; the recent one is due five days later
        run.requests().update(RequestLifecycle.letterDestroyed(run.requests().find(due.requestId()).orElseThrow(),
                "staff", run.clock().instant()));
        run.clock().advance(Duration.ofDays(5));
        assertThat((List<Object>) run.daily().get("lettersToShred")).containsExactly(recent.requestId());
    }

    /** A LETTER request kept in a cabinet, rejected at {@code closedAt}; its original shredded or not. */
    private static DataSubjectRequest closedLetter(Run run, String email, Instant closedAt, boolean shredded) {
        DataSubjectRequest r = run.requests().create(RequestLifecycle.letterKept(RequestLifecycle.receive(
                RequestType.ACCESS, RequestChannel.LETTER, email, Optional.empty(), Optional.empty(), Language.FI,
                "staff", closedAt.minus(Duration.ofDays(2))), "Cabinet 2", "staff", closedAt.minus(Duration.ofDays(2))));
        r = run.requests().update(RequestLifecycle.reject(r, "not identified", "staff", closedAt));
        return shredded ? run.requests().update(RequestLifecycle.letterDestroyed(r, "staff", closedAt)) : r;
    }
}
