package fi.dentalsystems.register.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.mail.SesMailer;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Lambda entry point of inbound mail. The SES receipt rule stores the raw message in the inbound
 * bucket (key = prefix + SES message id); the bucket's ObjectCreated notification invokes this
 * function asynchronously with the S3 event — bucket and key, nothing of the mail, which is all a
 * failed event parked in the dead-letter queue then holds (decision 0010). The SES event (receipt
 * rule Lambda action) is read too. Logs carry object keys and outcomes only.
 */
public final class EmailIntakeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(EmailIntakeHandler.class);
    private static final List<String> VERDICTS = List.of("spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict",
            "dmarcVerdict");

    private final Register register;
    private final EmailIntake intake;
    private final String bucket;
    private final String prefix;

    public EmailIntakeHandler() {
        this(HandlerSetup.fromEnvironment(SesMailer.fromEnvironment()), new S3RawMailStore(S3Client.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build()));
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    /** Locally: raw mail lives in {@code INBOUND_FOLDER} (the SMTP intake writes it there). */
    public EmailIntakeHandler(HandlerSetup setup) {
        this(setup, new FolderRawMailStore(Path.of(setup.variable("INBOUND_FOLDER").orElse(".local/inbound"))));
    }

    EmailIntakeHandler(HandlerSetup setup, RawMailStore store) {
        Register register = new Register(setup);
        this.register = register;
        this.intake = new EmailIntake(store, register.requests(), register.audit(), register.mailer(), register.mails(),
                register.clock(),
                register.requiredVariable("PUBLIC_BASE_URL"), register.duplicates());
        this.bucket = setup.variable("INBOUND_BUCKET").orElse("inbound");
        this.prefix = setup.variable("INBOUND_PREFIX").orElse("");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationLogging.around(context, () -> handle(event));
    }

    @SuppressWarnings("unchecked")
    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are ids, enum names and numbers as structured arguments, "
                    + "which the JSON layout (log4j2.properties) writes escaped: no CR/LF can start a log line")
    private Map<String, Object> handle(Map<String, Object> event) {
        List<String> outcomes = new ArrayList<>();
        for (Object record : (List<Object>) event.getOrDefault("Records", List.of())) {
            Map<String, Object> r = (Map<String, Object>) record;
            EmailIntake.Delivery delivery;
            String sourceId;
            if (r.containsKey("ses")) {
                Map<String, Object> ses = (Map<String, Object>) r.get("ses");
                Map<String, Object> mail = (Map<String, Object>) ses.get("mail");
                Map<String, Object> receipt = (Map<String, Object>) ses.getOrDefault("receipt", Map.of());
                sourceId = String.valueOf(mail.get("messageId"));
                Map<String, String> verdicts = new LinkedHashMap<>();
                for (String name : VERDICTS) {
                    Object v = receipt.get(name);
                    if (v instanceof Map<?, ?> m && m.get("status") != null) {
                        verdicts.put(name, String.valueOf(m.get("status")));
                    }
                }
                delivery = new EmailIntake.Delivery(bucket, prefix + sourceId, verdicts);
            } else {
                Map<String, Object> s3 = (Map<String, Object>) r.get("s3");
                String b = String.valueOf(((Map<String, Object>) s3.get("bucket")).get("name"));
                String k = java.net.URLDecoder.decode(String.valueOf(((Map<String, Object>) s3.get("object")).get("key")),
                        java.nio.charset.StandardCharsets.UTF_8);
                sourceId = k;
                delivery = new EmailIntake.Delivery(b, k, Map.of());
            }
            EmailIntake.Outcome outcome = intake.accept(delivery);
            LOG.info("inbound mail", entry("sesMessageId", sourceId), entry("outcome", outcome.name()));
            outcomes.add(outcome.name());
        }
        return Map.of("outcomes", outcomes);
    }

    /** SnapStart priming: read-only, never a write (decision 0019; SnapStartPrimingTest). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.reads(register, EnumSet.of(RegisterTable.REQUESTS));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: credentials come from the environment on every call
    }
}
