package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.CustomerStatus;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.requests.ErasureFulfilment;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.LegalHolds;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.CredentialRepository;
import fi.dentalsystems.register.core.store.CustomerRepository;
import fi.dentalsystems.register.core.store.HistoryRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    record Stores(CustomerRepository customers, ContactRepository contacts, HistoryRepository history,
                  CredentialRepository credentials, RequestRepository requests, AuditLog audit, LegalHolds holds) {
        static Stores on(DynamoDbClient client) {
            DynamoDbEnhancedClient e = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
            var n = ENGINE.tableNamesByLogicalId();
            return new Stores(new CustomerRepository(e, n.get("CustomersTable")), new ContactRepository(e, n.get("ContactsTable")),
                    new HistoryRepository(e, n.get("HistoryTable")), new CredentialRepository(e, n.get("CredentialsTable")),
                    new RequestRepository(e, n.get("RequestsTable")), new AuditLog(e, n.get("AuditTable"), Clock.systemUTC()),
                    new LegalHolds(client, ENGINE.tables()));
        }

        ErasureFulfilment erasure(List<Mail> sent) {
            return new ErasureFulfilment(contacts, history, credentials, customers, requests, audit, holds, mail -> {
                sent.add(mail);
                return "sent";
            });
        }
    }

    /** One customer whose own address is the person's, a contact with a history entry and a credential. */
    static DataSubjectRequest seed(Stores s, String email, String businessId) {
        Customer c = s.customers().create(new Customer(Customer.ID_PREFIX + Ulid.next(NOW), "Tmi", businessId, email,
                "+358912345678", new BillingAddress("Katu 1", "00100", "Helsinki", "FI"), Optional.empty(),
                CustomerStatus.ACTIVE, Optional.empty(), false, Optional.empty(), NOW, NOW, 0));
        Contact contact = s.contacts().create(new Contact(Contact.ID_PREFIX + Ulid.next(NOW), c.customerId(), "P", email,
                Optional.empty(), Set.of(ContactRole.USER), DataSource.CUSTOMER, Optional.empty(), NOW, NOW, 0));
        s.history().add(new HistoryEntry(c.customerId(), "his_" + Ulid.next(NOW), NOW, HistoryChannel.NOTE, "n",
                Optional.of(contact.contactId()), DataSource.CUSTOMER, "staff", NOW));
        CredentialItem credential = new CredentialItem();
        credential.setContactId(contact.contactId());
        credential.setService("svc");
        s.credentials().put(credential, java.time.Instant.parse("2026-01-01T00:00:00Z"));
        return s.requests().create(RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.ERASURE,
                RequestChannel.LETTER, email, Optional.empty(), Optional.empty(), Language.FI, "staff", NOW),
                "staff", "letter", NOW));
    }

    @Test
    void everyCrashPointEndsInTheSameStateWithOneAnswer() {
        Stores real = Stores.on(ENGINE.client());
        // count the writes of a clean run
        AtomicInteger counted = new AtomicInteger();
        DataSubjectRequest probe = seed(real, "probe@example.fi", "2345678-0");
        Stores.on(ObjectionCrashSafetyTest.dyingAt(ENGINE.client(), Integer.MAX_VALUE, counted))
                .erasure(new ArrayList<>()).fulfil(probe, ACCESS, NOW);
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
                Stores dying = switch (mode) {
                    case "before" -> Stores.on(ObjectionCrashSafetyTest.dyingAt(ENGINE.client(), at, new AtomicInteger()));
                    case "after" -> Stores.on(CompletionCrashSafetyTest.dyingAfter(ENGINE.client(), at, new AtomicInteger()));
                    default -> real;
                };
                ErasureFulfilment first = mode.equals("mail")
                        ? new ErasureFulfilment(real.contacts(), real.history(), real.credentials(), real.customers(),
                        real.requests(), real.audit(), real.holds(), mail -> {
                            throw new IllegalStateException("died at the mail");
                        })
                        : dying.erasure(sent);
                assertThatThrownBy(() -> first.fulfil(verified, ACCESS, NOW)).as(mode + " " + at)
                        .isInstanceOf(IllegalStateException.class);
                real.erasure(sent).fulfil(real.requests().find(verified.requestId()).orElseThrow(), ACCESS, NOW);
                // and once more, as a retried completion would: nothing changes, nothing is mailed
                real.erasure(sent).fulfil(real.requests().find(verified.requestId()).orElseThrow(), ACCESS, NOW);

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
