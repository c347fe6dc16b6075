package fi.dentalsystems.register.deadlines;

import fi.dentalsystems.register.local.support.EmbeddedMetrics;
import fi.dentalsystems.register.local.support.RegisterVariables;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class DeadlineMonitorTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    /** dynalite checks no IAM: after the class, every call made through it must be one DeadlineMonitorFunction's policy allows. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final fi.dentalsystems.register.local.support.DynamoDbPermissions PERMISSIONS =
            fi.dentalsystems.register.local.support.DynamoDbPermissions.checkedAfterAll("DeadlineMonitorFunction");
    static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    static final List<Mail> SENT = new ArrayList<>();
    static final List<int[]> COUNTS = new ArrayList<>();
    static RequestRepository requests;
    static DeadlineMonitorHandler handler;

    @BeforeAll
    static void setUp() {
        requests = new RequestRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build(),
                ENGINE.tableNamesByLogicalId().get("RequestsTable"));
        handler = new DeadlineMonitorHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()), ENGINE.tables(),
                Clock.fixed(NOW, ZoneOffset.UTC), mail -> {
                    SENT.add(mail);
                    return "sent-" + SENT.size();
                }, RegisterVariables.with(Map.of("REGISTER_CONTACT_EMAIL", "hilkka.salonen@dentalsystems.fi"))),
                (overdue, dueSoon) -> COUNTS.add(new int[] {overdue, dueSoon}));
    }

    /** A request received {@code daysAgo} days before NOW: due one month after that. */
    private static DataSubjectRequest receivedDaysAgo(int daysAgo, String email) {
        return requests.create(RequestLifecycle.receive(RequestType.ACCESS, RequestChannel.LETTER, email,
                Optional.of("Secret Name"), Optional.empty(), Language.FI, "staff", NOW.minus(Duration.ofDays(daysAgo))));
    }

    @Test
    void overdueAndSoonDueRequestsAreReportedByIdOnly() {
        DataSubjectRequest overdue = receivedDaysAgo(40, "late@example.fi");
        DataSubjectRequest dueIn3Days = receivedDaysAgo(27, "soon@example.fi");
        DataSubjectRequest dueIn10Days = receivedDaysAgo(20, "later@example.fi");
        DataSubjectRequest closed = requests.update(RequestLifecycle.reject(receivedDaysAgo(45, "closed@example.fi"),
                "not identified", "staff", NOW.minus(Duration.ofDays(1))));

        Map<String, Object> answer = handler.handleRequest(Map.of(), null);

        assertThat((List<Object>) answer.get("overdue")).containsExactly(overdue.requestId());
        assertThat((List<Object>) answer.get("dueSoon")).containsExactly(dueIn3Days.requestId());
        assertThat((List<Object>) answer.get("dueSoon")).doesNotContain(dueIn10Days.requestId(), closed.requestId());
        assertThat(COUNTS).isNotEmpty();
        assertThat(COUNTS.get(COUNTS.size() - 1)).containsExactly(1, 1);

        Mail summary = SENT.get(SENT.size() - 1);
        assertThat(summary.to()).isEqualTo("hilkka.salonen@dentalsystems.fi");
        assertThat(summary.text()).contains(overdue.requestId()).contains(dueIn3Days.requestId()).contains("ACCESS")
                .doesNotContain(dueIn10Days.requestId()).doesNotContain("@example.fi").doesNotContain("Secret Name");

        // a look ahead: in 10 days, the 27-days-ago one is overdue and the 20-days-ago one is due soon
        Map<String, Object> later = handler.handleRequest(Map.of("now", NOW.plus(Duration.ofDays(10)).toString()), null);
        assertThat((List<Object>) later.get("overdue")).contains(overdue.requestId(), dueIn3Days.requestId());
        assertThat((List<Object>) later.get("dueSoon")).contains(dueIn10Days.requestId());
    }

    /**
     * The counts as metrics for real, once (issue 15): Powertools metrics with the Lambda environment
     * surefire sets, the EMF line it prints parsed — namespace, names, the values the run answered.
     */
    @Test
    void theDailyRunEmitsItsCountsAsEmbeddedMetricsThatCloudWatchCanRead() throws Exception {
        DataSubjectRequest late = receivedDaysAgo(41, "metrics-late@example.fi");
        DeadlineMonitorHandler real = new DeadlineMonitorHandler(new HandlerSetup(PERMISSIONS.recording(ENGINE.client()),
                ENGINE.tables(), Clock.fixed(NOW, ZoneOffset.UTC), mail -> "sent",
                RegisterVariables.with(Map.of("REGISTER_CONTACT_EMAIL", "hilkka.salonen@dentalsystems.fi"))),
                DeadlineMonitorHandler::emitMetrics);
        EmbeddedMetrics<Map<String, Object>> printed;
        try {
            printed = EmbeddedMetrics.of(() -> real.handleRequest(Map.of(), null));
        } finally {
            // closed again: the other tests of this class count the open requests exactly
            requests.update(RequestLifecycle.reject(requests.find(late.requestId()).orElseThrow(), "test over", "staff", NOW));
        }
        Map<String, Object> answer = printed.answer();
        assertThat(printed.line()).as("an EMF line on stdout: " + printed.printed()).isPresent();
        com.fasterxml.jackson.databind.JsonNode emf = printed.line().orElseThrow();
        var directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("CustomerRegister");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).contains("RequestsOverdue", "RequestsDueSoon");
        int overdue = ((List<Object>) answer.get("overdue")).size();
        assertThat(overdue).isPositive();
        assertThat(emf.path("RequestsOverdue").asInt()).isEqualTo(overdue);
        assertThat(emf.path("RequestsDueSoon").asInt()).isEqualTo(((List<Object>) answer.get("dueSoon")).size());
        assertThat(emf.toString()).doesNotContain("@");
    }
}
