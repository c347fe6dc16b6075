package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.domain.Contact;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.ContactRepository;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.FailingDynamoDb;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection through the local system as ./dev up runs it (the real handlers, the real SMTP
 * conversation, the local stream and schedules): DynamoDB made to throttle chosen calls until every
 * attempt has failed. The event is parked in the dead-letter folder — nothing lost — and the redrive
 * makes exactly one request, one applied objection, one run — nothing doubled, also when run again.
 */
class NoEventIsLostTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    static List<DataSubjectRequest> requestsOf(String address) {
        return ENGINE.register().requests().withEmail(ContactRepository.emailKey(address));
    }

    @Test
    void aMailWhoseRequestCannotBeStoredIsParkedKeptAndMadeIntoExactlyOneRequestByTheRedrive(@TempDir Path dir)
            throws Exception {
        FailingDynamoDb faults = new FailingDynamoDb().fail("putItem", "RequestsTable", 3);
        try (LocalRegister register = new LocalRegister(ENGINE, dir, faults::wrap)) {
            register.mailIn("Aino <aino.lost@example.fi>", "Tarkastuspyyntö", "Haluan tarkastaa tietoni.");
            await("parked after the first attempt and two retries",
                    () -> register.deadLetters.of(LocalSmtpIntake.FUNCTION).size() == 1);
            assertThat(faults.injected()).isEqualTo(3);
            assertThat(requestsOf("aino.lost@example.fi")).isEmpty();
            assertThat(register.mailsTo("aino.lost@example.fi")).isEmpty();
            LocalDeadLetters.Parked parked = register.deadLetters.of(LocalSmtpIntake.FUNCTION).get(0);
            assertThat(Files.readString(parked.file())).as("the parked event holds a key, not the mail")
                    .doesNotContain("aino").doesNotContain("@").contains("\"key\"");
            assertThat(unprocessedMail(dir)).as("the raw mail is kept until processed").hasSize(1);
            byte[] copy = Files.readAllBytes(parked.file());

            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            assertThat(requestsOf("aino.lost@example.fi")).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION));
            assertThat(register.mailsTo("aino.lost@example.fi")).as("one verification mail").hasSize(1);
            assertThat(unprocessedMail(dir)).isEmpty();

            assertThat(register.redrive()).as("nothing left").isEqualTo(new LocalRedrive.Result(0, 0));
            Files.write(parked.file(), copy); // the same event replayed once more
            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            assertThat(requestsOf("aino.lost@example.fi")).hasSize(1);
            assertThat(register.mailsTo("aino.lost@example.fi")).hasSize(1);
        }
    }

    @Test
    void aMailStoredButNotAuditedIsFinishedByTheRedriveWithOneWorkingLink(@TempDir Path dir) throws Exception {
        FailingDynamoDb faults = new FailingDynamoDb().fail("putItem", "AuditTable", 3);
        try (LocalRegister register = new LocalRegister(ENGINE, dir, faults::wrap)) {
            register.mailIn("Saga <saga.lost@example.se>", "Begäran om registerutdrag", "Jag vill se mina uppgifter.");
            await("parked", () -> register.deadLetters.of(LocalSmtpIntake.FUNCTION).size() == 1);
            assertThat(requestsOf("saga.lost@example.se")).as("stored by the first attempt").hasSize(1);
            assertThat(register.mailsTo("saga.lost@example.se")).as("no link went out yet").isEmpty();

            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            LocalRegister.OutMail link = register.awaitMail("saga.lost@example.se", 1);
            assertThat(register.mailsTo("saga.lost@example.se")).hasSize(1);
            String verify = LocalRegister.link(link, "/public/verify");
            assertThat(register.open(verify).statusCode()).isEqualTo(200);
            // the page's button verifies (issue 11: a GET never does)
            assertThat(register.press(verify).statusCode()).isEqualTo(200);
            DataSubjectRequest r = requestsOf("saga.lost@example.se").get(0);
            assertThat(r.status()).isEqualTo(RequestStatus.VERIFIED);
            String audit = register.as("admin", "GET", "/audit?targetId=" + r.requestId(), null).body();
            assertThat(audit.split("\"action\":\"CREATE\"", -1)).as("its creation audited once").hasSize(2);
        }
    }

    @Test
    void aVerifiedObjectionThatCannotBeAppliedIsParkedAndTheRedriveAppliesItOnce(@TempDir Path dir) throws Exception {
        Register arrange = ENGINE.register();
        Customer customer = arrange.customers().create(Customers.aCustomer());
        Contact contact = arrange.contacts().create(Customers.aContact(customer, "olli.objects@example.fi"));
        DataSubjectRequest objection = arrange.requests().create(
                Requests.aVerifiedRequest(RequestType.OBJECTION, "olli.objects@example.fi"));
        FailingDynamoDb faults = new FailingDynamoDb().fail("putItem", "SuppressionTable", 1_000);
        try (LocalRegister register = new LocalRegister(ENGINE, dir, faults::wrap);
             LocalRequestsStream stream = new LocalRequestsStream(register.functions.requests(),
                     register.functions.fulfilment(), LocalRequestsStream.retriesOf(
                     register.functions.template().function(LocalRequestsStream.FUNCTION).orElseThrow()),
                     register.deadLetters)) {
            await("parked after the mapping's retries", () -> register.deadLetters.of(LocalRequestsStream.FUNCTION).size() == 1);
            assertThat(faults.injected()).isEqualTo(11);
            assertThat(Files.readString(register.deadLetters.of(LocalRequestsStream.FUNCTION).get(0).file()))
                    .contains(objection.requestId()).doesNotContain("@");
            assertThat(arrange.requests().find(objection.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED);
            Thread.sleep(1_500);
            assertThat(faults.injected()).as("a parked record is left alone").isEqualTo(11);

            faults.heal();
            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            assertThat(arrange.requests().find(objection.requestId()).orElseThrow().status())
                    .isEqualTo(RequestStatus.COMPLETED);
            assertThat(arrange.contacts().find(contact.contactId()).orElseThrow().objectsToMarketing()).isTrue();
            assertThat(ENGINE.client().scan(s -> s.tableName(ENGINE.tableNamesByLogicalId().get("SuppressionTable")))
                    .items()).hasSize(1);
            Thread.sleep(1_500);
            assertThat(register.mailsTo("olli.objects@example.fi")).as("one confirmation").hasSize(1);
            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(0, 0));
        }
    }

    @Test
    void aPurgeRunThatFailsIsParkedAndTheRedriveRunsItOnce(@TempDir Path dir) throws Exception {
        // not a throttle (the purge backs off from those itself): the engine failing outright
        FailingDynamoDb faults = new FailingDynamoDb().fail("query", "CustomersTable", 3, () ->
                software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                        .message("injected: internal server error").statusCode(500).build());
        try (LocalRegister register = new LocalRegister(ENGINE, dir, faults::wrap);
             LocalSchedules schedules = new LocalSchedules(register.functions.template(), register.functions::handler,
                     List.of(), register.deadLetters)) {
            long reportsBefore = purgeReports();
            schedules.runNow("RetentionPurgeFunction");
            await("parked after the schedule's retries", () -> register.deadLetters.of("RetentionPurgeFunction").size() == 1);
            assertThat(purgeReports()).isEqualTo(reportsBefore);

            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            assertThat(purgeReports()).as("exactly one run").isEqualTo(reportsBefore + 1);
            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(0, 0));
            assertThat(purgeReports()).isEqualTo(reportsBefore + 1);
        }
    }

    @Test
    void aDeadlineCheckThatFailsIsParkedAndTheRedriveMailsOneSummary(@TempDir Path dir) throws Exception {
        ENGINE.register().requests().create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER,
                "late@example.fi", Optional.empty(), Optional.empty(), Language.FI, "staff",
                Instant.now().minus(Duration.ofDays(29))));
        FailingDynamoDb faults = new FailingDynamoDb().fail("query", "RequestsTable", 3);
        try (LocalRegister register = new LocalRegister(ENGINE, dir, faults::wrap);
             LocalSchedules schedules = new LocalSchedules(register.functions.template(), register.functions::handler,
                     List.of(), register.deadLetters)) {
            schedules.runNow("DeadlineMonitorFunction");
            await("parked", () -> register.deadLetters.of("DeadlineMonitorFunction").size() == 1);
            assertThat(register.mailsTo("hilkka.salonen@dentalsystems.fi")).isEmpty();

            assertThat(register.redrive()).isEqualTo(new LocalRedrive.Result(1, 0));
            assertThat(register.mailsTo("hilkka.salonen@dentalsystems.fi")).as("one summary").hasSize(1);
        }
    }

    static long purgeReports() {
        return ENGINE.client().scan(s -> s.tableName(ENGINE.tableNamesByLogicalId().get("AuditTable"))).items().stream()
                .filter(i -> i.containsKey("details") && "retention-purge".equals(
                        Optional.ofNullable(i.get("actorId")).map(v -> v.s()).orElse(""))).count();
    }

    static List<Path> unprocessedMail(Path dir) throws IOException {
        Path inbound = dir.resolve("inbound").resolve(LocalSmtpIntake.BUCKET);
        if (!Files.isDirectory(inbound)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbound)) {
            List<Path> all = files.toList();
            return all.stream().filter(f -> !f.toString().endsWith(".processed"))
                    .filter(f -> !Files.exists(Path.of(f + ".processed"))).toList();
        }
    }
}
