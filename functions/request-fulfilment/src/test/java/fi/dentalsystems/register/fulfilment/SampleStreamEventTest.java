package fi.dentalsystems.register.fulfilment;

import fi.dentalsystems.register.local.support.RegisterVariables;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * events/request-fulfilment: the sample stream record, read as the Lambda Java runtime reads it
 * (its serializer and mixins: {@code NewImage}, {@code S}), runs through the handler and applies
 * the objection it names; the same batch again, as a stream retry, changes nothing.
 */
class SampleStreamEventTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String SAMPLE_REQUEST = "req_01JD7QB2C3D4E5F6G7H8J9K0M1";

    static DynamodbEvent sample() throws IOException {
        try (InputStream json = Files.newInputStream(
                RepositoryRoot.find().resolve("events/request-fulfilment/verified-objection.json"))) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, SampleStreamEventTest.class.getClassLoader())
                    .fromJson(json);
        }
    }

    @Test
    void theSampleRecordIsReadAsTheRuntimeDeliversItAndItsObjectionIsApplied() throws IOException {
        DynamodbEvent event = sample();
        assertThat(event.getRecords()).singleElement().satisfies(record -> {
            assertThat(record.getEventName()).isEqualTo("MODIFY");
            assertThat(record.getDynamodb().getNewImage().get("requestId").getS()).isEqualTo(SAMPLE_REQUEST);
            assertThat(record.getDynamodb().getNewImage().get("status").getS()).isEqualTo("VERIFIED");
        });

        List<Mail> sent = new ArrayList<>();
        HandlerSetup setup = new HandlerSetup(ENGINE.client(), ENGINE.tables(), Clock.fixed(NOW, ZoneOffset.UTC), mail -> {
            sent.add(mail);
            return "sent";
        }, RegisterVariables.with(Map.of("SUPPRESSION_PEPPER", "sample-event-pepper-long-enough")));
        Register register = new Register(setup);
        Customer customer = register.customers().create(Customers.aCustomer());
        Contact contact = register.contacts().create(Customers.aContact(customer, "aino@example.fi"));
        register.requests().create(Requests.aVerifiedRequest(RequestType.OBJECTION, "aino@example.fi")
                .withMailIntake(SAMPLE_REQUEST, Map.of()));

        RequestFulfilmentHandler handler = new RequestFulfilmentHandler(setup);
        assertThat(handler.handleRequest(event, null)).containsEntry("fulfilled", List.of(SAMPLE_REQUEST));
        assertThat(register.requests().find(SAMPLE_REQUEST).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(register.contacts().find(contact.contactId()).orElseThrow().objectsToMarketing()).isTrue();
        assertThat(sent).hasSize(1);

        assertThat(handler.handleRequest(sample(), null)).as("a retried batch").containsEntry("fulfilled", List.of());
        assertThat(sent).hasSize(1);
    }
}
