package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.marketing.Pepper;
import fi.dentalsystems.register.core.marketing.SuppressionKey;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.requests.ObjectionFulfilment;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.SuppressionRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crash-safety of the objection: the run is cut off before each of its writes in turn (a
 * DynamoDB client that "dies" at the Nth write), then run again from what is stored. The end
 * state is always the same, and the confirmation goes out exactly once (the mail is the last step, after the conditional
 * completion).
 */
class ObjectionCrashSafetyTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final AuditLog.Access ACCESS = new AuditLog.Access(new Caller("test", Set.of()), "test", "t", "direct-marketing");
    static final String PEPPER = "crash-test-pepper-long-enough";
    static final SuppressionKey KEYS = new SuppressionKey(Pepper.of(PEPPER));

    /** Passes every call through until the {@code failAt}-th write, which throws as if the process died. */
    static DynamoDbClient dyingAt(DynamoDbClient real, int failAt, AtomicInteger writes) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("putItem") || name.equals("updateItem") || name.equals("batchWriteItem") || name.equals("deleteItem"))
                            && writes.incrementAndGet() == failAt) {
                        throw new CompletionCrashSafetyTest.ProcessDied("crash before write " + failAt);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static ObjectionFulfilment fulfilment(DynamoDbClient client, List<Mail> sent) {
        return new Register(new HandlerSetup(client, ENGINE.tables(), Clock.systemUTC(), CompletionCrashSafetyTest.into(sent),
                RegisterVariables.with(Map.of("SUPPRESSION_PEPPER", PEPPER)))).objections();
    }

    @Test
    void aRunCutOffBeforeOrAfterAnyWriteOrAtTheMailFinishesOnTheNextRunWithOneConfirmation() {
        Register register = ENGINE.register();
        CustomerRepository customers = register.customers();
        ContactRepository contacts = register.contacts();
        RequestRepository requests = register.requests();
        SuppressionRepository suppression = register.suppression();

        // count the writes of a clean run, then cut a run off before each write, after each, and at the mail
        int writes = 0;
        int n = 0;
        for (String mode : List.of("count", "before", "after", "mail")) {
            int rounds = switch (mode) {
                case "count", "mail" -> 1;
                default -> writes;
            };
            for (int failAt = 1; failAt <= rounds; failAt++) {
                n++;
                String email = "crash" + n + "@example.fi";
                Customer customer = customers.create(Customers.aCustomer(SampleBusinessIds.nth(n)));
                List<String> ids = new ArrayList<>();
                for (ContactRole role : List.of(ContactRole.TECHNICAL, ContactRole.USER)) {
                    ids.add(contacts.create(Customers.aContact(customer, email).withRoles(Set.of(role))).contactId());
                }
                DataSubjectRequest verified = requests.create(Requests.aVerifiedRequest(RequestType.OBJECTION, email));
                List<Mail> sent = new ArrayList<>();
                if (mode.equals("count")) {
                    AtomicInteger counted = new AtomicInteger();
                    fulfilment(CompletionCrashSafetyTest.dyingAfter(ENGINE.client(), Integer.MAX_VALUE, counted), sent)
                            .fulfil(verified, ACCESS, NOW);
                    writes = counted.get();
                    assertThat(writes).as("2 contacts, suppression, audit, completion, answer audit, answer mark")
                            .isGreaterThanOrEqualTo(7);
                    continue;
                }
                int at = failAt;
                ObjectionFulfilment first = switch (mode) {
                    case "before" -> fulfilment(dyingAt(ENGINE.client(), at, new AtomicInteger()), sent);
                    case "after" -> fulfilment(CompletionCrashSafetyTest.dyingAfter(ENGINE.client(), at,
                            new AtomicInteger()), sent);
                    default -> fulfilment(ENGINE.client(), new ArrayList<>() {
                        @Override
                        public boolean add(Mail mail) {
                            throw new IllegalStateException("died at the mail");
                        }
                    });
                };
                String when = "cut off " + mode + " write " + failAt;
                assertThatThrownBy(() -> first.fulfil(verified, ACCESS, NOW)).as(when)
                        .isInstanceOfAny(IllegalStateException.class, CompletionCrashSafetyTest.ProcessDied.class);

                // the next run starts from what is stored, as the stream's retry would; then once more
                fulfilment(ENGINE.client(), sent).fulfil(requests.find(verified.requestId()).orElseThrow(), ACCESS, NOW);
                fulfilment(ENGINE.client(), sent).fulfil(requests.find(verified.requestId()).orElseThrow(), ACCESS, NOW);

                DataSubjectRequest done = requests.find(verified.requestId()).orElseThrow();
                assertThat(done.status()).as(when).isEqualTo(RequestStatus.COMPLETED);
                assertThat(RequestLifecycle.answered(done)).as(when).isTrue();
                ids.forEach(id -> assertThat(contacts.find(id).orElseThrow().objectsToMarketing()).as(when).isTrue());
                assertThat(suppression.isSuppressed(KEYS.of(email))).as(when).isTrue();
                if (mode.equals("before") && failAt == writes) {
                    // the one window (decision 0006): the mail left, the process died before the ANSWER_SENT mark;
                    // SES has no idempotency key, so the next run sends it again — twice, never none
                    assertThat(sent).as(when).hasSize(2);
                    assertThat(sent.get(1)).isEqualTo(sent.get(0));
                } else {
                    assertThat(sent).as("exactly one confirmation after a run " + when).hasSize(1);
                }
            }
        }
    }
}
