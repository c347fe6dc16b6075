package fi.dentalsystems.register.feedback;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write of personal data is audited (issue 14): each request a notification touches —
 * a bounce recorded, the same bounce delivered again (read, nothing changed), a complaint, a
 * notification of no request, one of an unknown request — is named by an audit entry of the same invocation.
 */
class MailFeedbackAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    @SuppressWarnings("unchecked")
    void everyRequestANotificationTouchesIsNamedInAnAuditEntryOfTheSameInvocation() throws IOException {
        DataSubjectRequest received = Requests.aLetter(RequestType.ACCESS, "aino.virtanen@example.fi")
                .withMailIntake(SesFeedbackTest.SAMPLE_REQUEST, Map.of());
        ENGINE.register().requests().create(RequestLifecycle.awaitVerification(received,
                VerificationToken.issue(SesFeedbackTest.SAMPLE_REQUEST), Customers.AT));
        AuditCompleteness completeness = new AuditCompleteness();
        var handler = completeness.checking(new MailFeedbackHandler(new HandlerSetup(
                completeness.recording(ENGINE.client()), ENGINE.tables(), Clock.systemUTC(), mail -> {
                    throw new IllegalStateException("no mail");
                }, Map.of())), e -> "SNS notification");
        java.util.function.Function<Map<String, Object>, List<String>> outcomes =
                event -> (List<String>) handler.handleRequest(event, null).get("outcomes");

        assertThat(outcomes.apply(SesFeedbackTest.sample())).containsExactly("RECORDED");
        assertThat(outcomes.apply(SesFeedbackTest.sample())).as("delivered twice").containsExactly("ALREADY_RECORDED");
        assertThat(outcomes.apply(SesFeedbackTest.withMessage(SesFeedbackTest.sample(), m -> m
                .replace("\"Bounce\"", "\"Complaint\"").replace("\"bounce\"", "\"complaint\"")
                .replace("\"bounceType\"", "\"complaintFeedbackType\"")))).containsExactly("RECORDED");
        assertThat(outcomes.apply(SesFeedbackTest.withMessage(SesFeedbackTest.sample(),
                m -> m.replace("\"requestId\"", "\"other\"")))).containsExactly("NOT_ABOUT_A_REQUEST");
        assertThat(outcomes.apply(SesFeedbackTest.withMessage(SesFeedbackTest.sample(),
                m -> m.replace(SesFeedbackTest.SAMPLE_REQUEST, "req_01JD7QB2C3D4E5F6G7H8J9K0ZZ"))))
                .containsExactly("UNKNOWN_REQUEST");

        assertThat(completeness.invocations()).isEqualTo(5);
        assertThat(completeness.unaudited()).isEmpty();
    }
}
