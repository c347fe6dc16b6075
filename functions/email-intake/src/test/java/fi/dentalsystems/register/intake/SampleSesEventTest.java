package fi.dentalsystems.register.intake;

import fi.dentalsystems.register.local.support.RegisterVariables;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** events/email-intake: the sample SES event and S3 event, with the raw-mail fixture they point at. */
class SampleSesEventTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    @SuppressWarnings("unchecked")
    void theSampleEventsRunThroughTheHandler(@TempDir Path inbound) throws Exception {
        Path events = RepositoryRoot.find().resolve("events/email-intake");
        byte[] raw = Files.readAllBytes(events.resolve("raw-mail.eml"));
        FolderRawMailStore store = new FolderRawMailStore(inbound);
        store.write("inbound", "inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", raw);
        store.write("customer-register-inboundmailbucket-example", "inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", raw);
        EmailIntakeHandler handler = new EmailIntakeHandler(new HandlerSetup(ENGINE.client(), ENGINE.tables(),
                Clock.systemUTC(), mail -> "sent", RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000",
                "INBOUND_BUCKET", "inbound", "INBOUND_PREFIX", "inbound/"))), store);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> ses = json.readValue(events.resolve("ses-inbound.json").toFile(), Map.class);
        Map<String, Object> s3 = json.readValue(events.resolve("s3-object-created.json").toFile(), Map.class);
        assertThat((List<Object>) handler.handleRequest(ses, null).get("outcomes")).containsExactly("CREATED");
        assertThat((List<Object>) handler.handleRequest(s3, null).get("outcomes"))
                .as("the same message by another path").containsExactly("DUPLICATE");
    }
}
