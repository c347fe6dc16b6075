package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.requests.RequestFulfilments;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crash-safety of completing ACCESS, RESTRICTION and RECTIFICATION: the run dies right after each
 * of its writes in turn (DynamoDB puts, audit batches, the export object), or its mail fails; the
 * next run starts from what is stored. The end state is always the same and the person gets
 * exactly one answer — for ACCESS one whose link opens the export. (A death after the write
 * that completes the request but before the mail is the case that loses the answer when the
 * mail is the last step and nothing records it: RequestAnswer's ANSWER_SENT event covers it.)
 */
class CompletionCrashSafetyTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final AuditLog.Access ACCESS = new AuditLog.Access(new Caller("staff-1", Set.of()), "test", "t", "administration");
    static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path exportsDir;

    /**
     * The process dying: an Error, so no {@code catch (RuntimeException)} in the code under test can
     * survive it (a real death is not catchable; the audit's quiet anchor write must not hide it).
     */
    static final class ProcessDied extends Error {
        private static final long serialVersionUID = 1L;

        ProcessDied(String message) {
            super(message);
        }
    }

    /** Passes every call through; the {@code failAt}-th write happens, then the "process" dies. */
    static DynamoDbClient dyingAfter(DynamoDbClient real, int failAt, AtomicInteger writes) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    String name = method.getName();
                    if ((name.equals("putItem") || name.equals("updateItem") || name.equals("batchWriteItem")
                            || name.equals("deleteItem")) && writes.incrementAndGet() == failAt) {
                        throw new ProcessDied("died after write " + failAt);
                    }
                    return result;
                });
    }

    /** The export store as one more write in the same count. */
    static ExportStore dyingAfter(ExportStore real, int failAt, AtomicInteger writes) {
        return new ExportStore() {
            @Override
            public boolean putIfAbsent(String key, byte[] document) {
                boolean stored = real.putIfAbsent(key, document);
                if (writes.incrementAndGet() == failAt) {
                    throw new ProcessDied("died after write " + failAt);
                }
                return stored;
            }

            @Override
            public Optional<byte[]> get(String key) {
                return real.get(key);
            }

            @Override
            public void delete(String key) {
                real.delete(key);
            }
        };
    }

    /** One run of the completions over {@code client}: the register's stores and fulfilments, as the handler wires them. */
    record Run(Register register, RequestFulfilments fulfilments) {
        static Run on(DynamoDbClient client, ExportStore store, Mailer mailer) {
            Register register = new Register(new HandlerSetup(client, ENGINE.tables(), Clock.systemUTC(), mailer, RegisterVariables.with(Map.of())));
            return new Run(register, register.requestFulfilments(store, "http://localhost"));
        }

        RequestRepository requests() {
            return register.requests();
        }

        ContactRepository contacts() {
            return register.contacts();
        }

        DataSubjectRequest complete(DataSubjectRequest r) {
            return fulfilments.complete(r, ACCESS, NOW);
        }
    }

    static Mailer into(List<Mail> sent) {
        return mail -> {
            sent.add(mail);
            return "sent";
        };
    }

    /** A customer with two contact records of the person, and the person's verified request. */
    static DataSubjectRequest seed(RequestType type, String email) {
        Register register = ENGINE.register();
        Customer c = register.customers().create(Customers.aCustomer(SampleBusinessIds.nth(SEQ.incrementAndGet())));
        for (ContactRole role : List.of(ContactRole.TECHNICAL, ContactRole.USER)) {
            register.contacts().create(Customers.aContact(c, email).withRoles(Set.of(role)));
        }
        return register.requests().create(Requests.aVerifiedRequest(type, email));
    }

    @ParameterizedTest
    @EnumSource(value = RequestType.class, names = {"ACCESS", "RESTRICTION", "RECTIFICATION"})
    void dyingAfterAnyWriteOrAtTheMailEndsInTheSameStateWithOneAnswer(RequestType type) {
        FolderExportStore store = new FolderExportStore(exportsDir);
        // count the writes of a clean run
        AtomicInteger counted = new AtomicInteger();
        DataSubjectRequest probe = seed(type, "probe-" + type.name().toLowerCase() + "@example.fi");
        List<Mail> probeMail = new ArrayList<>();
        DataSubjectRequest clean = Run.on(dyingAfter(ENGINE.client(), Integer.MAX_VALUE, counted),
                dyingAfter(store, Integer.MAX_VALUE, counted), into(probeMail)).complete(probe);
        int writes = counted.get();
        assertThat(writes).as("writes of a clean " + type + " completion").isGreaterThanOrEqualTo(4);
        assertThat(probeMail).hasSize(1);
        List<String> cleanKinds = kinds(clean);

        // failAt 0 stands for "the mail itself failed"
        for (int failAt = 0; failAt <= writes; failAt++) {
            String email = type.name().toLowerCase() + failAt + "@example.fi";
            DataSubjectRequest verified = seed(type, email);
            List<Mail> sent = new ArrayList<>();
            int at = failAt;
            Mailer first = at == 0 ? mail -> {
                throw new IllegalStateException("mail service unavailable");
            } : into(sent);
            AtomicInteger count = new AtomicInteger();
            assertThatThrownBy(() -> Run.on(dyingAfter(ENGINE.client(), at, count), dyingAfter(store, at, count), first)
                    .complete(verified))
                    .as("%s dies after write %d", type, at).isInstanceOfAny(IllegalStateException.class, ProcessDied.class);

            Run real = Run.on(ENGINE.client(), store, into(sent));
            DataSubjectRequest done = real.complete(real.requests().find(verified.requestId()).orElseThrow());
            // and a third run (a retried click) changes nothing
            real.complete(real.requests().find(verified.requestId()).orElseThrow());

            DataSubjectRequest stored = real.requests().find(verified.requestId()).orElseThrow();
            String when = type + " after write " + at;
            assertThat(stored.status()).as(when).isEqualTo(RequestStatus.COMPLETED);
            assertThat(sent).as("answers, " + when).hasSize(1);
            assertThat(sent.get(0).to()).isEqualTo(email);
            assertThat(kinds(stored).stream().filter(k -> k.equals(RequestLifecycle.ANSWER_SENT))).as(when).hasSize(1);
            assertThat(kinds(stored).stream().filter(k -> k.equals("COMPLETED"))).as(when).hasSize(1);
            assertThat(Set.copyOf(kinds(stored))).as(when).isEqualTo(Set.copyOf(cleanKinds));
            assertThat(done.version()).isEqualTo(stored.version());
            switch (type) {
                case ACCESS -> {
                    assertThat(store.get(ExportStore.keyOf(stored.requestId()))).as(when).isPresent();
                    Matcher link = Pattern.compile("/public/exports/(\\S+)").matcher(sent.get(0).text());
                    assertThat(link.find()).isTrue();
                    VerificationToken token = VerificationToken.parse(link.group(1)).orElseThrow();
                    assertThat(RequestLifecycle.checkExportLink(stored, token, NOW)).as("the mailed link opens, " + when)
                            .isEqualTo(RequestLifecycle.ExportLinkOutcome.OPEN);
                }
                case RESTRICTION -> assertThat(real.contacts().withEmail(ContactRepository.emailKey(email)))
                        .as(when).hasSize(2).allSatisfy(c -> assertThat(c.isRestricted()).isTrue());
                default -> assertThat(sent.get(0).subject()).isEqualTo("Tietosi on korjattu");
            }
        }
    }

    private static List<String> kinds(DataSubjectRequest r) {
        return r.events().stream().map(RequestEvent::kind).toList();
    }
}
