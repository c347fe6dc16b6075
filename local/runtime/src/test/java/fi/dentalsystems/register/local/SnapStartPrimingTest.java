package fi.dentalsystems.register.local;

import fi.dentalsystems.register.console.ConsoleHandler;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.customers.CustomersApiHandler;
import fi.dentalsystems.register.deadlines.DeadlineMonitorHandler;
import fi.dentalsystems.register.feedback.MailFeedbackHandler;
import fi.dentalsystems.register.fulfilment.RequestFulfilmentHandler;
import fi.dentalsystems.register.intake.EmailIntakeHandler;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.ReadOnlyPriming;
import fi.dentalsystems.register.local.support.Requests;
import fi.dentalsystems.register.publicrequests.PublicRequestsHandler;
import fi.dentalsystems.register.purge.RetentionPurgeHandler;
import fi.dentalsystems.register.requests.RequestsApiHandler;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming (issue 17, decision 0019): each function's {@code beforeCheckpoint} runs for real
 * over the engine, with stored requests around it, and only reads — GetItem and the like, each allowed
 * by the function's role in template.yaml — and stores, mails and writes nothing. (intake-watch's
 * handler is built in its own module: IntakeWatchPrimingTest.)
 */
class SnapStartPrimingTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @TempDir
    Path folder;

    @BeforeAll
    static void someRequestsAreStored() {
        var requests = ENGINE.register().requests();
        requests.create(Requests.aVerifiedRequest(RequestType.ACCESS, "priming.access@testi.example"));
        requests.create(Requests.aLetter(RequestType.OBJECTION, "priming.objection@testi.example"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CustomersApiFunction", "PublicRequestsFunction", "RequestsApiFunction", "EmailIntakeFunction",
            "RequestFulfilmentFunction", "DeadlineMonitorFunction", "RetentionPurgeFunction", "MailFeedbackFunction",
            "ReapplyErasuresFunction"})
    void thePrimingOfEveryFunctionOnlyReadsWhatItsRoleMayRead(String function) {
        ReadOnlyPriming priming = ReadOnlyPriming.of(ENGINE, function, folder, setup -> primingOf(handler(function, setup)));

        assertThat(priming.calls()).as("a priming that reads nothing primes no SDK path").isNotEmpty();
        assertThat(priming.calls()).allMatch(c -> ReadOnlyPriming.READS.contains(c.action()), "reads only");
        assertThat(priming.notAllowed()).isEmpty();
        assertThat(priming.mailsSent()).isZero();
        assertThat(priming.itemsAfter()).isEqualTo(priming.itemsBefore());
        assertThat(priming.filesWritten()).isEmpty();
        assertThat(priming.readOnly()).isTrue();
    }

    @Test
    void theConsolesPrimingRendersItsEntryPageAndTouchesNoTable() {
        ReadOnlyPriming priming = ReadOnlyPriming.of(ENGINE, "ConsoleFunction", folder,
                setup -> primingOf(new ConsoleHandler(new fi.dentalsystems.register.core.config.HandlerSetup(setup.dynamoDb(),
                        setup.tables(), setup.clock(), setup.mailer(), withConsoleClient(setup.variables())))));

        assertThat(priming.calls()).isEmpty();
        assertThat(priming.readOnly()).isTrue();
    }

    @Test
    void aPrimingThatWritesIsCaught() {
        // the check itself: a "priming" that stores a request (what must never happen before a snapshot)
        ReadOnlyPriming priming = ReadOnlyPriming.of(ENGINE, "PublicRequestsFunction", folder, setup -> () ->
                new fi.dentalsystems.register.core.config.Register(setup).requests()
                        .create(Requests.aLetter(RequestType.ACCESS, "priming.write@testi.example")));

        assertThat(priming.calls()).anyMatch(c -> c.action().equals("dynamodb:PutItem"));
        assertThat(priming.itemsAfter()).isEqualTo(priming.itemsBefore() + 1);
        assertThat(priming.readOnly()).isFalse();
    }

    private Object handler(String function, fi.dentalsystems.register.core.config.HandlerSetup setup) {
        return switch (function) {
            case "CustomersApiFunction" -> new CustomersApiHandler(setup);
            case "PublicRequestsFunction" -> new PublicRequestsHandler(setup, new FolderExportStore(folder.resolve("exports")));
            case "RequestsApiFunction" -> new RequestsApiHandler(setup, new FolderExportStore(folder.resolve("exports")));
            case "EmailIntakeFunction" -> new EmailIntakeHandler(setup);
            case "RequestFulfilmentFunction" -> new RequestFulfilmentHandler(setup);
            case "DeadlineMonitorFunction" -> new DeadlineMonitorHandler(setup);
            case "RetentionPurgeFunction" -> new RetentionPurgeHandler(setup);
            case "MailFeedbackFunction" -> new MailFeedbackHandler(setup);
            case "ReapplyErasuresFunction" -> new fi.dentalsystems.register.reapply.ReapplyErasuresHandler(setup);
            default -> throw new IllegalArgumentException(function);
        };
    }

    private static java.util.Map<String, String> withConsoleClient(java.util.Map<String, String> variables) {
        java.util.Map<String, String> all = new java.util.HashMap<>(variables);
        all.put("CONSOLE_CLIENT_ID", "priming-test-client");
        return all;
    }

    private static Runnable primingOf(Object handler) {
        return () -> {
            try {
                ((Resource) handler).beforeCheckpoint(null);
            } catch (Exception e) {
                throw new IllegalStateException("the priming failed", e);
            }
        };
    }

}
