package fi.dentalsystems.register.reapply;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditEntry;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Caller;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSource;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.HistoryEntry;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.StaffGroup;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.store.CredentialItem;
import fi.dentalsystems.register.core.store.ErasureLedger;
import fi.dentalsystems.register.local.support.Backup;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.DynamoDbPermissions;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The restore rehearsal (issue 14, decision 0017) through the real engine: several people, a backup
 * (every item of the personal tables copied), one person erased through the erasure's fulfilment,
 * the backup put back over the tables, then reapply-erasures: the person is gone again from every
 * table, their suppression hash kept, everybody else exactly as in the backup.
 */
class RestoreRehearsalTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @RegisterExtension
    static final DynamoDbPermissions PERMISSIONS = DynamoDbPermissions.checkedAfterAll("ReapplyErasuresFunction");

    static final Instant SEEDED = Instant.parse("2026-11-02T08:00:00Z");
    static final Instant BACKED_UP = SEEDED.plus(Duration.ofHours(1));
    static final Instant ERASED = SEEDED.plus(Duration.ofDays(1));
    static final Instant REAPPLIED = SEEDED.plus(Duration.ofDays(2));
    static final List<String> PERSONAL = List.of("CustomersTable", "ContactsTable", "HistoryTable", "CredentialsTable",
            "RequestsTable");

    /** One register on its own tables, with the people of the rehearsal in it. */
    static final class World {
        final DynamoDbEngine.TableSet tables = ENGINE.freshTables();
        final MovableClock clock = new MovableClock(SEEDED);
        final List<Mail> sent = new ArrayList<>();
        final Register register = new Register(new HandlerSetup(ENGINE.client(), tables.names(), clock, mail -> {
            sent.add(mail);
            return "sent";
        }, RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost"))));

        String table(String logicalId) {
            return tables.byLogicalId().get(logicalId);
        }

        /** The handler as the stack runs it, its DynamoDB calls checked against its grants in template.yaml. */
        ReapplyErasuresHandler handler() {
            return new ReapplyErasuresHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()), tables.names(),
                    clock, mail -> {
                        throw new AssertionError("re-applying sends no mail");
                    }, RegisterVariables.with(Map.of())));
        }

        Backup backup() {
            return Backup.of(ENGINE.client(), PERSONAL.stream().map(this::table).toList());
        }

        /** Every item of a table, keyed by its key attributes, for comparing what a run left. */
        Map<String, Map<String, AttributeValue>> items(String logicalId) {
            Map<String, Map<String, AttributeValue>> byKey = new java.util.TreeMap<>();
            List<String> keys = ENGINE.client().describeTable(r -> r.tableName(table(logicalId))).table().keySchema()
                    .stream().map(k -> k.attributeName()).toList();
            for (Map<String, AttributeValue> item : Backup.scan(ENGINE.client(), table(logicalId))) {
                byKey.put(keys.stream().map(k -> item.get(k).s()).reduce((a, b) -> a + "|" + b).orElseThrow(), item);
            }
            return byKey;
        }

        DataSubjectRequest erase(DataSubjectRequest request, Instant at) {
            clock.set(at);
            return register.erasure().fulfil(register.requests().find(request.requestId()).orElseThrow(),
                    new AuditLog.Access(new Caller("staff-9", Set.of(StaffGroup.STAFF)),
                            "POST /requests/{requestId}/complete", request.requestId(), "administration"), at);
        }

        Map<String, Object> reapply(Instant since) {
            clock.set(REAPPLIED);
            return handler().handleRequest(Map.of("since", since.toString()), null);
        }
    }

    /** A person of the rehearsal: their records, by id. */
    record Person(String name, String email, List<String> contactIds, List<String> historyIds,
                  List<String> credentialContactIds, DataSubjectRequest erasure, DataSubjectRequest earlier) {
    }

    static Person seed(World w, String name, String email, Customer... at) {
        List<String> contacts = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (Customer c : at) {
            Contact contact = w.register.contacts().create(Customers.aContact(c, email).withName(name)
                    .withPhone(Optional.of("+358401234567")).withRoles(Set.of(ContactRole.TECHNICAL)));
            contacts.add(contact.contactId());
            history.add(w.register.history().add(new HistoryEntry(c.customerId(), "his_" + Ulid.next(SEEDED), SEEDED,
                    HistoryChannel.PHONE, name + " called about the backups", Optional.of(contact.contactId()),
                    DataSource.PHONE, "staff", SEEDED)).entryId());
            CredentialItem credential = new CredentialItem();
            credential.setContactId(contact.contactId());
            credential.setService("dental-cloud");
            credential.setUsername(name.toLowerCase(Locale.ROOT).replace(' ', '.'));
            w.register.credentials().put(credential, SEEDED);
        }
        DataSubjectRequest earlier = w.register.requests().create(RequestLifecycle.receive(RequestType.ACCESS,
                RequestChannel.EMAIL, email, Optional.of(name), Optional.of("Please send " + name + "'s data"),
                Language.FI, "intake", SEEDED.minus(Duration.ofDays(3))));
        DataSubjectRequest erasure = w.register.requests().create(Requests.verified(RequestLifecycle.receive(
                RequestType.ERASURE, RequestChannel.LETTER, email, Optional.of(name),
                Optional.of("Erase everything about " + name), Language.EN, "staff", SEEDED)));
        return new Person(name, email, contacts, history, contacts, erasure, earlier);
    }

    /** The rehearsal's register: a sole trader whose own address is Erkki's, a clinic, and three other people. */
    record Cast(Customer soleTrader, Customer clinic, Customer lab, Person erkki, Person kaisa, Person liisa,
                String erkkiHash, String clinicNote) {
    }

    static Cast cast(World w) {
        w.clock.set(SEEDED);
        Customer soleTrader = w.register.customers().create(Customers.aCustomer().withName("Erkki Erasure Tmi")
                .withEmail("erkki.erasure@example.fi"));
        Customer clinic = w.register.customers().create(Customers.aCustomer());
        Customer lab = w.register.customers().create(Customers.aCustomer().withName("Hammaslaboratorio Oy"));
        Person erkki = seed(w, "Erkki Erasure", "Erkki.Erasure@Example.fi", soleTrader, clinic);
        Person kaisa = seed(w, "Kaisa Colleague", "kaisa@klinikka.example", clinic);
        Person liisa = seed(w, "Liisa Lab", "liisa@lab.example", lab, clinic);
        String clinicNote = w.register.history().add(new HistoryEntry(clinic.customerId(), "his_" + Ulid.next(SEEDED),
                SEEDED, HistoryChannel.NOTE, "Contract renewed", Optional.empty(), DataSource.CUSTOMER, "staff", SEEDED))
                .entryId();
        // Erkki objected to marketing earlier: the peppered hash of his address is on the suppression list
        String hash = w.register.suppressionKeys().of(erkki.email());
        w.register.suppression().suppress(hash, erkki.earlier().requestId(), SEEDED);
        return new Cast(soleTrader, clinic, lab, erkki, kaisa, liisa, hash, clinicNote);
    }

    @Test
    void afterARestoreTheErasedPersonIsGoneAgainAndNobodyElseIsTouched() {
        World w = new World();
        Cast cast = cast(w);
        w.clock.set(BACKED_UP);
        Backup backup = w.backup();
        Map<String, Map<String, Map<String, AttributeValue>>> before = new java.util.HashMap<>();
        PERSONAL.forEach(t -> before.put(t, w.items(t)));

        w.erase(cast.erkki().erasure(), ERASED);
        assertThat(w.sent).as("the erasure's one answer").hasSize(1);
        cast.erkki().contactIds().forEach(id -> assertThat(w.register.contacts().find(id)).isEmpty());

        backup.restore();
        // the restore brought Erkki back: this is what the job is for
        cast.erkki().contactIds().forEach(id -> assertThat(w.register.contacts().find(id)).isPresent());
        assertThat(w.register.customers().find(cast.soleTrader().customerId()).orElseThrow().restriction()).isEmpty();
        assertThat(w.register.requests().find(cast.erkki().erasure().requestId()).orElseThrow().status())
                .isEqualTo(RequestStatus.VERIFIED);

        Map<String, Object> report = w.reapply(BACKED_UP);

        @SuppressWarnings("unchecked")
        Map<String, Long> counts = (Map<String, Long>) report.get("counts");
        assertThat(report.get("requestIds")).isEqualTo(List.of(cast.erkki().erasure().requestId()));
        assertThat(counts).containsEntry("ledgerEntries", 1L).containsEntry("contactsDeleted", 2L)
                .containsEntry("historyEntriesDeleted", 2L).containsEntry("credentialsDeleted", 2L)
                .containsEntry("customersRestricted", 1L).containsEntry("requestsMinimised", 1L)
                .containsEntry("requestsCompleted", 1L).containsEntry("contactsRestricted", 0L);

        // Erkki is gone again from every table: his name and address are left only where the erasure left them
        // (the requests' own address as evidence, the sole trader's billing record kept under the Accounting Act)
        String address = cast.erkki().email().toLowerCase(Locale.ROOT);
        for (String logicalId : w.tables.byLogicalId().keySet()) {
            for (Map<String, AttributeValue> item : Backup.scan(ENGINE.client(), w.table(logicalId))) {
                item.forEach((attribute, value) -> {
                    boolean holds = value.toString().toLowerCase(Locale.ROOT).contains(address)
                            || value.toString().contains("Erkki");
                    boolean evidence = logicalId.equals("RequestsTable")
                            && (attribute.equals("email") || attribute.equals("emailKey"));
                    boolean keptBillingRecord = logicalId.equals("CustomersTable")
                            && item.get("customerId").s().equals(cast.soleTrader().customerId());
                    assertThat(holds && !evidence && !keptBillingRecord)
                            .as("%s.%s still holds Erkki", logicalId, attribute).isFalse();
                });
            }
        }
        cast.erkki().contactIds().forEach(id -> {
            assertThat(w.register.contacts().find(id)).isEmpty();
            assertThat(w.register.credentials().ofContact(id)).isEmpty();
            assertThat(w.register.history().aboutContact(id)).isEmpty();
        });
        Customer kept = w.register.customers().find(cast.soleTrader().customerId()).orElseThrow();
        assertThat(kept.restriction()).hasValueSatisfying(r -> assertThat(r.reason()).contains("Accounting Act"));
        DataSubjectRequest evidence = w.register.requests().find(cast.erkki().erasure().requestId()).orElseThrow();
        assertThat(evidence.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(evidence.name()).isEmpty();
        assertThat(evidence.details()).isEmpty();
        assertThat(w.register.requests().find(cast.erkki().earlier().requestId()).orElseThrow().details()).isEmpty();
        assertThat(w.register.suppression().isSuppressed(cast.erkkiHash())).as("the objection stays honoured").isTrue();
        assertThat(w.sent).as("no second answer").hasSize(1);

        // everybody else: every item exactly as in the backup
        Set<String> erkkisKeys = new HashSet<>(cast.erkki().contactIds());
        erkkisKeys.add(cast.soleTrader().customerId());
        erkkisKeys.add(cast.erkki().erasure().requestId());
        erkkisKeys.add(cast.erkki().earlier().requestId());
        for (String table : PERSONAL) {
            Map<String, Map<String, AttributeValue>> others = new java.util.TreeMap<>(before.get(table));
            others.keySet().removeIf(key -> erkkisKeys.stream().anyMatch(key::contains)
                    || cast.erkki().historyIds().stream().anyMatch(key::contains));
            Map<String, Map<String, AttributeValue>> now = new java.util.TreeMap<>(w.items(table));
            now.keySet().removeIf(key -> erkkisKeys.stream().anyMatch(key::contains));
            assertThat(now).as("%s apart from Erkki", table).isEqualTo(others);
            assertThat(others).as("%s holds other people's records to compare", table).isNotEmpty();
        }
        assertThat(w.register.history().find(cast.clinic().customerId(), cast.clinicNote())).isPresent();

        // every delete is audited, as the erasure's are, in the job's name
        List<String> deletedIds = new ArrayList<>(cast.erkki().contactIds());
        deletedIds.addAll(cast.erkki().historyIds());
        for (String id : deletedIds) {
            List<AuditEntry> entries = w.register.audit().forTarget(id, 50, Optional.empty()).items();
            assertThat(entries).as("audit of %s", id).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo(AuditAction.DELETE);
                assertThat(e.actorId()).isEqualTo("reapply-erasures");
                assertThat(e.requestId()).isEqualTo(report.get("runId"));
            });
        }
        assertThat(w.register.audit().forTarget(cast.erkki().contactIds().get(0) + "/dental-cloud", 50,
                Optional.empty()).items()).anySatisfy(e -> assertThat(e.actorId()).isEqualTo("reapply-erasures"));
        assertThat(w.register.audit().forTarget((String) report.get("runId"), 5, Optional.empty()).items())
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("contactsDeleted", 2L));
    }

    @Test
    void reapplyingTwiceChangesNothingTheSecondTime() {
        World w = new World();
        Cast cast = cast(w);
        w.clock.set(BACKED_UP);
        Backup backup = w.backup();
        w.erase(cast.erkki().erasure(), ERASED);
        backup.restore();
        w.reapply(BACKED_UP);
        Map<String, Map<String, Map<String, AttributeValue>>> once = new java.util.HashMap<>();
        PERSONAL.forEach(t -> once.put(t, w.items(t)));

        Map<String, Object> again = w.reapply(BACKED_UP);

        @SuppressWarnings("unchecked")
        Map<String, Long> counts = (Map<String, Long>) again.get("counts");
        assertThat(counts).containsEntry("ledgerEntries", 1L);
        counts.forEach((kind, n) -> assertThat(kind.equals("ledgerEntries") || n == 0).as(kind + " = " + n).isTrue());
        PERSONAL.forEach(t -> assertThat(w.items(t)).as(t).isEqualTo(once.get(t)));
        assertThat(w.register.suppression().isSuppressed(cast.erkkiHash())).isTrue();
    }

    @Test
    void anErasureOlderThanTheRestorePointIsNotAppliedAgain() {
        World w = new World();
        Cast cast = cast(w);
        w.erase(cast.liisa().erasure(), BACKED_UP.minus(Duration.ofMinutes(10)));
        w.clock.set(BACKED_UP);
        Backup backup = w.backup();
        w.erase(cast.erkki().erasure(), ERASED);
        backup.restore();
        // a contact with Liisa's address after her erasure (she came back as a customer's contact) is not the
        // restore's doing: her erasure is older than the restore point, so it must stay
        Contact rejoined = w.register.contacts().create(Customers.aContact(cast.lab(), cast.liisa().email())
                .withName("Liisa Lab"));

        Map<String, Object> report = w.reapply(BACKED_UP);

        assertThat(report.get("requestIds")).as("only the erasure after the restore point")
                .isEqualTo(List.of(cast.erkki().erasure().requestId()));
        assertThat(w.register.contacts().find(rejoined.contactId())).isPresent();
        cast.kaisa().contactIds().forEach(id -> assertThat(w.register.contacts().find(id)).isPresent());
        cast.erkki().contactIds().forEach(id -> assertThat(w.register.contacts().find(id)).isEmpty());

        Map<String, Object> later = w.reapply(ERASED.plusSeconds(1));
        assertThat(later.get("requestIds")).as("nothing newer than that").isEqualTo(List.of());
    }

    @Test
    void theLedgerHoldsIdsAndTheHashButNoPersonalData() {
        World w = new World();
        Cast cast = cast(w);
        w.erase(cast.erkki().erasure(), ERASED);

        List<Map<String, AttributeValue>> ledger = Backup.scan(ENGINE.client(), w.table("ErasureLedgerTable"));
        assertThat(ledger).hasSize(1);
        Map<String, AttributeValue> entry = ledger.get(0);
        assertThat(entry.get(ErasureLedger.ADDRESS_HASH).s()).isEqualTo(cast.erkkiHash());
        assertThat(entry.get(ErasureLedger.CONTACT_IDS).ss()).containsExactlyInAnyOrderElementsOf(cast.erkki().contactIds());
        assertThat(entry.get(ErasureLedger.RESTRICTED_CUSTOMER_IDS).ss()).containsExactly(cast.soleTrader().customerId());
        assertThat(entry.get(ErasureLedger.HISTORY_ENTRIES).ss()).hasSize(2);
        assertThat(entry.get(ErasureLedger.CREDENTIALS).ss()).hasSize(2);
        // kept by TTL until the backups can no longer hold the person, with a margin: erased + 90 days
        assertThat(Long.parseLong(entry.get(ErasureLedger.EXPIRES_AT).n()))
                .isEqualTo(ERASED.plus(Duration.ofDays(90)).getEpochSecond());
        String all = entry.toString();
        for (String personal : List.of(cast.erkki().email(), cast.erkki().email().toLowerCase(Locale.ROOT), "Erkki",
                "erkki", "+358401234567", "backups", "Erase everything")) {
            assertThat(all).as("the ledger holds %s", personal).doesNotContain(personal);
        }
    }

    @Test
    void aRunWithoutARestorePointIsRefused() {
        World w = new World();
        assertThatThrownBy(() -> w.handler().handleRequest(Map.of(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("since");
        assertThatThrownBy(() -> w.handler().handleRequest(Map.of("since", "yesterday"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
