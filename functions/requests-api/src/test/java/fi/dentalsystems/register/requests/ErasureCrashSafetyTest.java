package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.requests.ErasureFulfilment;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Erasure cut off before each of its writes, then run again: same end state, one answer mailed. */
class ErasureCrashSafetyTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final AuditLog.Access ACCESS = new AuditLog.Access(new Caller("staff-1", Set.of()), "test", "t", "administration");

    /** The register over {@code client}, as the requests API wires it; its mail goes into {@code sent}. */
    static Register on(DynamoDbClient client, List<Mail> sent) {
        return new Register(new HandlerSetup(client, ENGINE.tables(), Clock.systemUTC(), CompletionCrashSafetyTest.into(sent),
                RegisterVariables.with(Map.of())));
    }

    /** One customer whose own address is the person's, a contact with a history entry and a credential. */
    static DataSubjectRequest seed(Register s, String email, String businessId) {
        Customer c = s.customers().create(Customers.aCustomer(businessId).withName("Tmi").withEmail(email));
        Contact contact = s.contacts().create(Customers.aContact(c, email).withRoles(Set.of(ContactRole.USER)));
        s.history().add(new HistoryEntry(c.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.NOTE, "n",
                Optional.of(contact.contactId()), DataSource.CUSTOMER, "staff", NOW));
        CredentialItem credential = new CredentialItem();
        credential.setContactId(contact.contactId());
        credential.setService("svc");
        s.credentials().put(credential, java.time.Instant.parse("2026-01-01T00:00:00Z"));
        return s.requests().create(Requests.aVerifiedRequest(RequestType.ERASURE, email));
    }

    @Test
    void everyCrashPointEndsInTheSameStateWithOneAnswer() {
        Register real = ENGINE.register();
        // count the writes of a clean run
        AtomicInteger counted = new AtomicInteger();
        DataSubjectRequest probe = seed(real, "probe@example.fi", "2345678-0");
        on(ObjectionCrashSafetyTest.dyingAt(ENGINE.client(), Integer.MAX_VALUE, counted), new ArrayList<>())
                .erasure().fulfil(probe, ACCESS, NOW);
        int writes = counted.get();
        assertThat(writes).as("credential, history, contact, customer, 2 audit batches, request").isGreaterThanOrEqualTo(7);

        int n = 0;
        // cut off before each write, after each write, and at the mail: the next run ends in the same state, one answer
        for (String mode : List.of("before", "after", "mail")) {
            for (int failAt = 1; failAt <= (mode.equals("mail") ? 1 : writes); failAt++) {
                String email = "erase" + (++n) + "@example.fi";
                DataSubjectRequest verified = seed(real, email, SampleBusinessIds.nth(n));
                List<Mail> sent = new ArrayList<>();
                int at = failAt;
                ErasureFulfilment first = switch (mode) {
                    case "before" -> on(ObjectionCrashSafetyTest.dyingAt(ENGINE.client(), at, new AtomicInteger()), sent)
                            .erasure();
                    case "after" -> on(CompletionCrashSafetyTest.dyingAfter(ENGINE.client(), at, new AtomicInteger()), sent)
                            .erasure();
                    default -> new Register(new HandlerSetup(ENGINE.client(), ENGINE.tables(), Clock.systemUTC(), mail -> {
                        throw new IllegalStateException("died at the mail");
                    }, RegisterVariables.with(Map.of()))).erasure();
                };
                assertThatThrownBy(() -> first.fulfil(verified, ACCESS, NOW)).as(mode + " " + at)
                        .isInstanceOfAny(IllegalStateException.class, CompletionCrashSafetyTest.ProcessDied.class);
                on(ENGINE.client(), sent).erasure().fulfil(real.requests().find(verified.requestId()).orElseThrow(), ACCESS, NOW);
                // and once more, as a retried completion would: nothing changes, nothing is mailed
                on(ENGINE.client(), sent).erasure().fulfil(real.requests().find(verified.requestId()).orElseThrow(), ACCESS, NOW);

                String key = ContactRepository.emailKey(email);
                String when = "crash " + mode + " write " + failAt;
                assertThat(real.contacts().withEmail(key)).as(when).isEmpty();
                assertThat(real.customers().withEmail(key)).as(when).singleElement()
                        .satisfies(c -> assertThat(c.restriction()).isPresent());
                DataSubjectRequest done = real.requests().find(verified.requestId()).orElseThrow();
                assertThat(done.status()).as(when).isEqualTo(RequestStatus.COMPLETED);
                assertThat(RequestLifecycle.answered(done)).as(when).isTrue();
                if (mode.equals("before") && failAt == writes) {
                    // the one window (decision 0006): the mail left, the process died before the ANSWER_SENT mark;
                    // SES has no idempotency key, so the next run sends it again — twice, never none
                    assertThat(sent).as(when).hasSize(2);
                    assertThat(sent.get(1)).isEqualTo(sent.get(0));
                } else {
                    assertThat(sent).as("answers after a " + when).hasSize(1);
                }
                assertThat(sent.get(0).text()).as(when).contains(real.customers().withEmail(key).get(0).businessId());
            }
        }
    }
}
