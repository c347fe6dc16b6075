package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.store.RegisterTable;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.store.RequestItem;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, by the clock, through the real handler: a request whose link is never opened gets one
 * reminder 24 hours after the link went (the old link dies), never a second, and closes UNVERIFIED
 * when the reminder's link has been expired for 7 days — an event and an audit item, no mail, out of
 * the deadline summary, its retention clock started.
 */
@SuppressWarnings("unchecked")
class UnverifiedRequestsByTheClockTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("DeadlineMonitorFunction");
    static final Instant T0 = Instant.parse("2026-11-24T09:30:00Z");

    final MovableClock clock = new MovableClock(T0);
    final List<Mail> sent = new ArrayList<>();
    RequestRepository requests;
    DeadlineMonitorHandler handler;
    Register register;
    DynamoDbEngine.TableSet tables;

    @BeforeEach
    void setUp() {
        // a clean register for each test: the jobs look at every waiting request
        tables = ENGINE.freshTables();
        register = new Register(new HandlerSetup(ENGINE.client(), tables.names(), clock, mail -> {
            throw new IllegalStateException("arranging sends no mail");
        }, RegisterVariables.fromTemplate()));
        requests = register.requests();
        handler = new DeadlineMonitorHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()), tables.names(),
                clock, mail -> {
                    sent.add(mail);
                    return "sent-" + sent.size();
                }, RegisterVariables.with(Map.of("REGISTER_CONTACT_EMAIL", "hilkka.salonen@dentalsystems.fi",
                "PUBLIC_BASE_URL", "https://rekisteri.example"))), (overdue, dueSoon) -> { });
    }

    /** A form request whose link was mailed at the clock's now. */
    private record Mailed(DataSubjectRequest request, VerificationToken token) {
    }

    private Mailed mailedNow(String email, Language language) {
        DataSubjectRequest received = RequestLifecycle.receive(RequestType.ERASURE, RequestChannel.WEB_FORM, email,
                Optional.of("Saara Salainen"), Optional.of("poistakaa kaikki"), language, "public", clock.instant());
        VerificationToken token = VerificationToken.issue(received.requestId());
        return new Mailed(requests.create(RequestLifecycle.awaitVerification(received, token, clock.instant())), token);
    }

    private Map<String, Object> runAt(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
        return handler.handleRequest(Map.of(), null);
    }

    private List<Mail> mailsTo(String address) {
        return sent.stream().filter(m -> m.to().equals(address)).toList();
    }

    private Map<String, AttributeValue> item(String id) {
        return ENGINE.client().getItem(r -> r.tableName(tables.names().nameOf(RegisterTable.REQUESTS))
                .key(Map.of(RequestItem.REQUEST_ID, AttributeValue.fromS(id)))).item();
    }

    private DataSubjectRequest stored(Mailed m) {
        return requests.find(m.request().requestId()).orElseThrow();
    }

    @Test
    void oneReminderAt24HoursWithAFreshLinkTheOldOneDeadAndNeverASecond() {
        Mailed m = mailedNow("saara@example.fi", Language.SV);
        String id = m.request().requestId();

        assertThat((List<String>) runAt(T0.plus(Duration.ofHours(24)).minusSeconds(1)).get("reminded")).doesNotContain(id);
        assertThat(mailsTo("saara@example.fi")).isEmpty();

        assertThat((List<String>) runAt(T0.plus(Duration.ofHours(24))).get("reminded")).containsExactly(id);
        List<Mail> reminders = mailsTo("saara@example.fi");
        assertThat(reminders).hasSize(1);
        Mail reminder = reminders.get(0);
        assertThat(reminder.subject()).isEqualTo("Påminnelse: bekräfta din dataskyddsbegäran");
        assertThat(reminder.text()).contains("begäran om radering").doesNotContain("Saara").doesNotContain("poistakaa");
        Matcher link = Pattern.compile("https://rekisteri\\.example/public/verify\\?token=(\\S+)").matcher(reminder.text());
        assertThat(link.find()).isTrue();
        VerificationToken fresh = VerificationToken.parse(URLDecoder.decode(link.group(1), StandardCharsets.UTF_8))
                .orElseThrow();

        DataSubjectRequest reminded = stored(m);
        Instant at = T0.plus(Duration.ofHours(24));
        assertThat(reminded.remindedAt()).contains(at);
        assertThat(reminded.events()).extracting(e -> e.kind()).containsExactly("RECEIVED", "VERIFICATION_SENT",
                "REMINDER_SENT");
        assertThat(RequestLifecycle.checkLink(reminded, m.token(), at))
                .as("the first link stops working").isEqualTo(RequestLifecycle.LinkOutcome.REFUSED);
        assertThat(RequestLifecycle.checkLink(reminded, fresh, at)).isEqualTo(RequestLifecycle.LinkOutcome.VALID);
        assertThat(register.audit().forTarget(id, 10, Optional.empty()).items())
                .extracting(AuditEntry::actorId).contains("deadline-monitor");

        for (int hours : List.of(25, 48, 95)) {
            assertThat((List<String>) runAt(T0.plus(Duration.ofHours(hours))).get("reminded")).doesNotContain(id);
        }
        assertThat(mailsTo("saara@example.fi")).as("never a second reminder").hasSize(1);
    }

    @Test
    void unverifiedSevenDaysAfterTheReminderExpiredClosedWithoutMailAndItsClockStarted() {
        Mailed m = mailedNow("ville@example.fi", Language.FI);
        String id = m.request().requestId();
        runAt(T0.plus(Duration.ofHours(30)));
        Instant expiry = stored(m).tokenExpiresAt().orElseThrow();
        assertThat(expiry).isEqualTo(T0.plus(Duration.ofHours(30)).plus(VerificationToken.LIFETIME));
        Instant closes = expiry.plus(Duration.ofDays(7));
        int mailsBefore = mailsTo("ville@example.fi").size();

        assertThat((List<String>) runAt(closes.minusSeconds(1)).get("closedUnverified")).doesNotContain(id);
        assertThat(stored(m).status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(item(id)).as("no retention clock while it is open").doesNotContainKey(RequestItem.PURGE_AT);

        assertThat((List<String>) runAt(closes).get("closedUnverified")).containsExactly(id);
        DataSubjectRequest closed = stored(m);
        assertThat(closed.status()).isEqualTo(RequestStatus.UNVERIFIED);
        assertThat(closed.events().get(closed.events().size() - 1).kind()).isEqualTo("UNVERIFIED");
        assertThat(closed.tokenHash()).isEmpty();
        assertThat(mailsTo("ville@example.fi")).as("no mail: the address may not be the requester's").hasSize(mailsBefore);
        assertThat(register.audit().forTarget(id, 10, Optional.empty()).items()).hasSizeGreaterThanOrEqualTo(2);

        // its retention clock: the content goes 30 days after it closed (then the evidence after 36 months)
        Map<String, AttributeValue> item = item(id);
        Instant purgeAt = RetentionPolicy.defaults().purgeAt(DataCategory.REQUEST_CONTENT, closes).orElseThrow();
        assertThat(item.get(RequestItem.PURGE_AT).n()).isEqualTo(Long.toString(purgeAt.getEpochSecond()));
        assertThat(item.get(RequestItem.PURGE_BUCKET).s()).isEqualTo(RetentionPolicy.bucket(purgeAt));

        // out of the contact person's summary for good, though its deadline passes
        Map<String, Object> later = runAt(T0.plus(Duration.ofDays(45)));
        assertThat((List<String>) later.get("overdue")).doesNotContain(id);
        assertThat(mailsTo("hilkka.salonen@dentalsystems.fi")).noneMatch(summary -> summary.text().contains(id));
    }

    @Test
    void staffMayStillVerifyByHandBeforeItCloses() {
        Mailed m = mailedNow("kirje@example.fi", Language.EN);
        runAt(T0.plus(Duration.ofHours(24)));
        DataSubjectRequest reminded = stored(m);
        requests.update(RequestLifecycle.verifyByStaff(reminded, "staff-1", "signed letter arrived",
                T0.plus(Duration.ofDays(5))));
        Map<String, Object> answer = runAt(T0.plus(Duration.ofDays(20)));
        assertThat((List<String>) answer.get("closedUnverified")).doesNotContain(m.request().requestId());
        assertThat(stored(m).status()).isEqualTo(RequestStatus.VERIFIED);
    }

    @Test
    void aMovedClockInAwsReportsButNeitherMailsNorCloses() {
        Mailed m = mailedNow("aws@example.fi", Language.FI);
        Map<String, Object> answer = handler.handleRequest(Map.of("now", T0.plus(Duration.ofDays(20)).toString()), null);
        assertThat((List<String>) answer.get("reminded")).isEmpty();
        assertThat(answer).containsKey("remindersAndClosings");
        assertThat(stored(m).remindedAt()).isEmpty();
        assertThat(mailsTo("aws@example.fi")).isEmpty();
    }
}
