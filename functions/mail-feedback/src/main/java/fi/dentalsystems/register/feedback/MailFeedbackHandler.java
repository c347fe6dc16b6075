package fi.dentalsystems.register.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.config.InvocationLogging;
import fi.dentalsystems.register.core.config.Priming;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.core.intake.MailFeedback;
import fi.dentalsystems.register.core.store.RegisterTable;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * SES publishes the bounces and complaints of the register's mail (the configuration set's event
 * destination) to an SNS topic, which invokes this function asynchronously. Each notification that
 * names a request (the message tags the mail went with) becomes an event on it — VERIFICATION_BOUNCED
 * when the verification link never arrived — so staff see it (GET /requests/{id}). A failing event is
 * retried and then parked (MailFeedbackDeadLetters). Logs carry request ids, kinds and outcomes only:
 * never the address a notification names.
 */
public final class MailFeedbackHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(MailFeedbackHandler.class);

    private final Register register;
    private final MailFeedback feedback;
    private final Clock clock;

    public MailFeedbackHandler() {
        this(HandlerSetup.fromEnvironment(mail -> {
            throw new IllegalStateException("recording feedback sends no mail");
        }));
        // SnapStart: the priming below runs before the snapshot (decision 0019)
        Core.getGlobalContext().register(this);
    }

    public MailFeedbackHandler(HandlerSetup setup) {
        Register register = new Register(setup);
        this.register = register;
        this.feedback = new MailFeedback(register.requests(), register.audit(), "mail-feedback");
        this.clock = register.clock();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return InvocationLogging.around(context, () -> handle(event));
    }

    @SuppressWarnings("unchecked")
    @SuppressFBWarnings(value = "CRLF_INJECTION_LOGS",
            justification = "Constant message; the values are request ids (checked against their pattern), enum "
                    + "names and SES's notification kinds as structured arguments, written escaped by the JSON layout")
    private Map<String, Object> handle(Map<String, Object> event) {
        List<String> outcomes = new ArrayList<>();
        Object records = event == null ? null : event.get("Records");
        for (Object record : records instanceof List<?> list ? list : List.of()) {
            Object sns = record instanceof Map<?, ?> r ? r.get("Sns") : null;
            Object message = sns instanceof Map<?, ?> m ? m.get("Message") : null;
            Optional<MailFeedback.Notice> notice = message instanceof String text ? SesNotification.read(text)
                    : Optional.empty();
            if (notice.isEmpty()) {
                // a notification of mail that named no request (the deadline summary) or of another kind
                LOG.info("mail feedback", entry("outcome", "NOT_ABOUT_A_REQUEST"));
                outcomes.add("NOT_ABOUT_A_REQUEST");
                continue;
            }
            MailFeedback.Result result = feedback.record(notice.get(), clock.instant());
            LOG.info("mail feedback", entry("requestId", notice.get().mail().requestId()),
                    entry("kind", MailFeedback.eventKind(notice.get())), entry("outcome", result.name()));
            outcomes.add(result.name());
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
