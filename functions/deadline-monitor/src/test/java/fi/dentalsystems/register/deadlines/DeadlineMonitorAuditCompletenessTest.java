package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of personal data is audited (issue 14), the deadline monitor's too: each request the daily
 * run reads — every request waiting for its link (reminded, closed or only looked at) and every open
 * request the summary lists — is named by an audit entry of the same run, one READ each, purpose
 * administration (the deadlines of GDPR art. 12(3)); a request due later is not read at all.
 */
@SuppressWarnings("unchecked")
class DeadlineMonitorAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant T0 = Instant.parse("2026-11-24T09:30:00Z");

    @Test
    void everyRequestTheRunReadsIsNamedInAnAuditEntryOfTheSameRun() {
        MovableClock clock = new MovableClock(T0);
        DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        Register arrange = new Register(new HandlerSetup(ENGINE.client(), tables.names(), clock, mail -> "none",
                RegisterVariables.fromTemplate()));
        DataSubjectRequest waiting = mailed(arrange, "vilma@example.fi", T0);
        DataSubjectRequest overdue = arrange.requests().create(verified(RequestType.ACCESS, "olli@example.fi",
                T0.minus(Duration.ofDays(40))));
        DataSubjectRequest dueSoon = arrange.requests().create(verified(RequestType.ERASURE, "sanni@example.fi",
                T0.minus(Duration.ofDays(27))));
        DataSubjectRequest later = arrange.requests().create(verified(RequestType.RESTRICTION, "lauri@example.fi", T0));

        AuditCompleteness completeness = new AuditCompleteness();
        var handler = completeness.checking(new DeadlineMonitorHandler(new HandlerSetup(
                completeness.recording(ENGINE.client()), tables.names(), clock, mail -> "sent",
                RegisterVariables.with(Map.of("REGISTER_CONTACT_EMAIL", "hilkka.salonen@dentalsystems.fi",
                        "PUBLIC_BASE_URL", "https://rekisteri.example"))), (o, d) -> { }), e -> "schedule");

        Map<String, Object> first = handler.handleRequest(Map.of(), null);
        assertThat((List<String>) first.get("overdue")).contains(overdue.requestId());
        assertThat((List<String>) first.get("dueSoon")).contains(dueSoon.requestId()).doesNotContain(later.requestId());
        clock.advance(Duration.ofHours(24));
        assertThat((List<String>) handler.handleRequest(Map.of(), null).get("reminded")).containsExactly(waiting.requestId());
        clock.advance(Duration.ofDays(10));
        assertThat((List<String>) handler.handleRequest(Map.of(), null).get("closedUnverified"))
                .containsExactly(waiting.requestId());

        assertThat(completeness.invocations()).isEqualTo(3);
        assertThat(completeness.unaudited()).isEmpty();
        List<AuditEntry> trail = arrange.audit().forTarget(overdue.requestId(), 10, Optional.empty()).items();
        assertThat(trail).extracting(AuditEntry::action).containsOnly(AuditAction.READ);
        assertThat(trail).extracting(AuditEntry::actorId).containsOnly("deadline-monitor");
        assertThat(trail).extracting(AuditEntry::purpose).containsOnly("administration");
        assertThat(arrange.audit().forTarget(later.requestId(), 10, Optional.empty()).items())
                .as("due later: not in the summary, not read").isEmpty();
    }

    private static DataSubjectRequest mailed(Register register, String email, Instant at) {
        DataSubjectRequest received = RequestLifecycle.receive(RequestType.OBJECTION, RequestChannel.WEB_FORM, email,
                Optional.of("Vilma Odottaja"), Optional.empty(), Language.FI, "public", at);
        return register.requests().create(RequestLifecycle.awaitVerification(received,
                VerificationToken.issue(received.requestId()), at));
    }

    private static DataSubjectRequest verified(RequestType type, String email, Instant received) {
        return RequestLifecycle.verifyByStaff(RequestLifecycle.receive(type, RequestChannel.LETTER, email,
                Optional.empty(), Optional.empty(), Language.FI, "staff", received), "staff", "signed letter", received);
    }
}
