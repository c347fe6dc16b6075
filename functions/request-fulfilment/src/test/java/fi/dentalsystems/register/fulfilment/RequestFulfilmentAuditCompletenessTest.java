package fi.dentalsystems.register.fulfilment;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write of personal data is audited (issue 14): each item the stream handler touches — the
 * verified objection, the person's contact records (one of two customers, one already objecting, one under
 * an ended relationship whose clock it reads), the other open objection of the address closed with it, the
 * same batch retried, a record of a request that is not an objection — is named by an audit entry of the
 * same invocation.
 */
class RequestFulfilmentAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void everyItemTheStreamHandlerTouchesIsNamedInAnAuditEntryOfTheSameInvocation() throws IOException {
        HandlerSetup arrangeSetup = new HandlerSetup(ENGINE.client(), ENGINE.tables(),
                Clock.fixed(SampleStreamEventTest.NOW, ZoneOffset.UTC), mail -> "sent",
                RegisterVariables.with(Map.of("SUPPRESSION_PEPPER", "completeness-pepper-long-enough")));
        Register register = new Register(arrangeSetup);
        Customer active = register.customers().create(Customers.aCustomer());
        Customer ended = register.customers().create(Customers.aCustomer());
        register.customers().update(ended.ended(SampleStreamEventTest.NOW));
        register.contacts().create(Customers.aContact(active, "aino@example.fi"));
        Contact old = register.contacts().create(Customers.aContact(ended, "aino@example.fi"));
        register.contacts().update(register.contacts().find(old.contactId()).orElseThrow()
                .objected(SampleStreamEventTest.NOW, "req_01JD7QB2C3D4E5F6G7H8J9K0E1"));
        register.requests().create(Requests.aVerifiedRequest(RequestType.OBJECTION, "aino@example.fi")
                .withMailIntake(SampleStreamEventTest.SAMPLE_REQUEST, Map.of()));
        DataSubjectRequest other = register.requests().create(Requests.aLetter(RequestType.OBJECTION, "aino@example.fi"));
        DataSubjectRequest access = register.requests().create(Requests.aVerifiedRequest(RequestType.ACCESS, "ville@example.fi"));

        AuditCompleteness completeness = new AuditCompleteness();
        var handler = completeness.checking(new RequestFulfilmentHandler(new HandlerSetup(
                completeness.recording(ENGINE.client()), ENGINE.tables(), Clock.fixed(SampleStreamEventTest.NOW,
                ZoneOffset.UTC), mail -> "sent", RegisterVariables.with(Map.of("SUPPRESSION_PEPPER",
                "completeness-pepper-long-enough")))), e -> "Requests stream");

        assertThat(handler.handleRequest(SampleStreamEventTest.sample(), null))
                .containsEntry("fulfilled", List.of(SampleStreamEventTest.SAMPLE_REQUEST));
        assertThat(handler.handleRequest(SampleStreamEventTest.sample(), null)).as("a retried batch")
                .containsEntry("fulfilled", List.of());
        DynamodbEvent notOurs = SampleStreamEventTest.sample();
        notOurs.getRecords().get(0).getDynamodb().getNewImage().get("requestId").setS(access.requestId());
        assertThat(handler.handleRequest(notOurs, null)).containsEntry("fulfilled", List.of());
        assertThat(register.requests().find(other.requestId()).orElseThrow().status().isOpen())
                .as("closed with the group's answer").isFalse();

        assertThat(completeness.invocations()).isEqualTo(3);
        assertThat(completeness.unaudited()).isEmpty();
    }
}
