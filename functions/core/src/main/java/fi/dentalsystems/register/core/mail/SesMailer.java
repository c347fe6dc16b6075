package fi.dentalsystems.register.core.mail;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.util.Optional;

/** Mail through Amazon SES v2 (in the stack's EU region). Only the functions that send mail carry the SES client. */
public final class SesMailer implements Mailer {
    /** The message tags a bounce or complaint notification carries back (mail.tags). */
    public static final String REQUEST_TAG = "requestId";
    public static final String PURPOSE_TAG = "mailPurpose";
    private final SesV2Client ses;
    private final String from;
    private final Optional<String> configurationSet;

    /** In Lambda: the function's region, its role's credentials, the url-connection client; sender from MAIL_FROM. */
    public static SesMailer fromEnvironment() {
        return new SesMailer(SesV2Client.builder()
                .region(software.amazon.awssdk.regions.Region.of(System.getenv("AWS_REGION")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider.create())
                .build(), System.getenv("MAIL_FROM"), Optional.ofNullable(System.getenv("SES_CONFIGURATION_SET"))
                .filter(s -> !s.isBlank()));
    }

    public SesMailer(SesV2Client ses, String from) {
        this(ses, from, Optional.empty());
    }

    /**
     * With the configuration set whose event destination publishes bounces and complaints (template:
     * MailFeedbackTopic): the request id and purpose go as message tags, so the notification names the
     * request without anyone reading an address (decision 0010).
     */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "The AWS SDK client is injected and shared (thread-safe, one per function): there is "
                    + "nothing to copy")
    public SesMailer(SesV2Client ses, String from, Optional<String> configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(Mail mail) {
        SendEmailRequest.Builder request = SendEmailRequest.builder();
        configurationSet.ifPresent(request::configurationSetName);
        mail.reference().ifPresent(r -> request.emailTags(
                MessageTag.builder().name(REQUEST_TAG).value(r.requestId()).build(),
                MessageTag.builder().name(PURPOSE_TAG).value(r.purpose()).build()));
        return ses.sendEmail(request
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(mail.to()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(Content.builder().data(mail.subject()).charset("UTF-8").build())
                        .body(Body.builder().text(Content.builder().data(mail.text()).charset("UTF-8").build()).build())
                        .headers(MessageHeader.builder().name("Auto-Submitted").value("auto-generated").build())
                        .build()).build())
                .build()).messageId();
    }
}
