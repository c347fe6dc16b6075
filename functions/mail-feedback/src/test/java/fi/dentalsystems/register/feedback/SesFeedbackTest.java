package fi.dentalsystems.register.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.intake.MailFeedback;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SES's bounce and complaint notifications (events/mail-feedback, as SNS delivers them) through the
 * handler: the request the mail's tags name shows what happened, once, without the address.
 */
class SesFeedbackTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final DynamoDbPermissions PERMISSIONS = DynamoDbPermissions.checkedAfterAll("MailFeedbackFunction");
    static final String SAMPLE_REQUEST = "req_01JD7QB2C3D4E5F6G7H8J9K0M1";
    static MailFeedbackHandler handler;
    static Register register;

    @BeforeAll
    static void setUp() {
        register = ENGINE.register();
        handler = new MailFeedbackHandler(new fi.dentalsystems.register.core.config.HandlerSetup(
                PERMISSIONS.recording(ENGINE.client()), ENGINE.tables(), Clock.systemUTC(), mail -> {
                    throw new IllegalStateException("no mail");
                }, Map.of()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sample() throws IOException {
        return new ObjectMapper().readValue(Files.readString(RepositoryRoot.find()
                .resolve("events/mail-feedback/ses-bounce.json")), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withMessage(Map<String, Object> event, java.util.function.UnaryOperator<String> edit) {
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) event.get("Records")).get(0);
        Map<String, Object> sns = (Map<String, Object>) record.get("Sns");
        sns.put("Message", edit.apply((String) sns.get("Message")));
        return event;
    }

    static DataSubjectRequest awaitingVerification(String requestId, String email) {
        DataSubjectRequest received = Requests.aLetter(RequestType.ACCESS, email).withMailIntake(requestId, Map.of());
        return register.requests().create(RequestLifecycle.awaitVerification(received,
                VerificationToken.issue(requestId), Customers.AT));
    }

    @SuppressWarnings("unchecked")
    static List<String> outcomes(Map<String, Object> event) {
        return (List<String>) handler.handleRequest(event, null).get("outcomes");
    }

    @Test
    void aBouncedVerificationMailIsRecordedOnItsRequestOnceAndWithoutTheAddress() throws IOException {
        awaitingVerification(SAMPLE_REQUEST, "aino.virtanen@example.fi");
        assertThat(outcomes(sample())).containsExactly("RECORDED");
        DataSubjectRequest r = register.requests().find(SAMPLE_REQUEST).orElseThrow();
        assertThat(r.status()).as("still waiting: staff reach the person another way").isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(r.events()).filteredOn(e -> e.kind().equals(MailFeedback.VERIFICATION_BOUNCED)).singleElement()
                .satisfies(e -> assertThat(e.note().orElseThrow()).contains("Permanent bounce")
                        .doesNotContain("@").doesNotContain("aino"));

        assertThat(outcomes(sample())).as("SNS delivered it again").containsExactly("ALREADY_RECORDED");
        assertThat(register.requests().find(SAMPLE_REQUEST).orElseThrow().events())
                .filteredOn(e -> e.kind().equals(MailFeedback.VERIFICATION_BOUNCED)).hasSize(1);
    }

    @Test
    void aComplaintAboutAnAnswerIsRecordedAndMailOfNoRequestIsLeftAlone() throws IOException {
        String id = "req_01JD7QB2C3D4E5F6G7H8J9K0M2";
        awaitingVerification(id, "saga@example.se");
        Map<String, Object> complaint = withMessage(sample(), m -> m.replace(SAMPLE_REQUEST, id)
                .replace("\"verification\"", "\"request\"").replace("\"Bounce\"", "\"Complaint\"")
                .replace("\"bounce\"", "\"complaint\"").replace("\"bounceType\"", "\"complaintFeedbackType\""));
        assertThat(outcomes(complaint)).containsExactly("RECORDED");
        assertThat(register.requests().find(id).orElseThrow().events())
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(MailFeedback.MAIL_COMPLAINED));

        Map<String, Object> untagged = withMessage(sample(), m -> m.replace("\"requestId\"", "\"other\""));
        assertThat(outcomes(untagged)).as("the deadline summary to staff names no request").containsExactly("NOT_ABOUT_A_REQUEST");
        Map<String, Object> unknown = withMessage(sample(), m -> m.replace(SAMPLE_REQUEST, "req_01JD7QB2C3D4E5F6G7H8J9K0ZZ"));
        assertThat(outcomes(unknown)).containsExactly("UNKNOWN_REQUEST");
    }
}
