package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write of personal data is audited (issue 14): each request the intake touches — the
 * whole mail corpus, a message delivered again from another object, a replayed object, a second mail
 * of the same person linked to the first — is named by an audit entry of the same invocation.
 */
class EmailIntakeAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @TempDir
    Path inbound;

    @Test
    @SuppressWarnings("unchecked")
    void everyRequestTheIntakeTouchesIsNamedInAnAuditEntryOfTheSameInvocation() throws IOException {
        AuditCompleteness completeness = new AuditCompleteness();
        FolderRawMailStore store = new FolderRawMailStore(inbound);
        var handler = completeness.checking(new EmailIntakeHandler(new HandlerSetup(
                completeness.recording(ENGINE.client()), ENGINE.tables(), Clock.systemUTC(), mail -> "sent",
                RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000", "INBOUND_BUCKET", "inbound"))),
                store), EmailIntakeAuditCompletenessTest::objectKey);
        java.util.function.BiFunction<String, byte[], String> deliver = (key, raw) -> {
            store.write("inbound", key, raw);
            return ((List<String>) handler.handleRequest(CorpusThroughSesEventTest.sesEvent(key,
                    CorpusThroughSesEventTest.PASS), null).get("outcomes")).get(0);
        };

        for (String[] row : CorpusThroughSesEventTest.expected()) {
            assertThat(deliver.apply("c-" + row[0], CorpusThroughSesEventTest.corpus(row[0]))).as(row[0]).isEqualTo(row[1]);
        }
        byte[] access = CorpusThroughSesEventTest.corpus("04-en-access-base64.eml");
        assertThat(deliver.apply("again-" + "04", access)).as("the same message from another object").isEqualTo("DUPLICATE");
        assertThat(handler.handleRequest(CorpusThroughSesEventTest.sesEvent("c-04-en-access-base64.eml",
                CorpusThroughSesEventTest.PASS), null)).as("the same object replayed").isNotNull();
        assertThat(handler.handleRequest(CorpusThroughSesEventTest.sesEvent("c-16-missing-from.eml",
                CorpusThroughSesEventTest.PASS), null)).as("parked mail replayed").isNotNull();
        byte[] secondAsk = new String(access, StandardCharsets.ISO_8859_1).replace("<m04@", "<second04@")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(deliver.apply("second-04", secondAsk)).as("the person asks again: linked to the first").isEqualTo("CREATED");

        assertThat(completeness.invocations()).isGreaterThan(25);
        assertThat(completeness.unaudited()).isEmpty();
    }

    /** The stored object an SES event names: which delivery left a call unaudited. */
    @SuppressWarnings("unchecked")
    private static String objectKey(Map<String, Object> event) {
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) event.get("Records")).get(0);
        Map<String, Object> mail = (Map<String, Object>) ((Map<String, Object>) record.get("ses")).get("mail");
        return "SES " + mail.get("messageId");
    }
}
