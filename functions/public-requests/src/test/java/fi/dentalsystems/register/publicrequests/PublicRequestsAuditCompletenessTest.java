package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.core.config.HandlerSetup;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.exports.FolderExportStore;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.AuditCompleteness;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.MovableClock;
import fi.dentalsystems.register.local.support.RegisterVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read and write of personal data is audited (issue 14): each request the public routes touch —
 * a submission and a second one of the same person (the duplicate group), the link's page, its button
 * pressed twice, a wrong link, the export link's page, the export, the spent link again — is named by an
 * audit entry of the same invocation.
 */
class PublicRequestsAuditCompletenessTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @TempDir
    Path exports;

    @Test
    void everyRequestThePublicRoutesTouchIsNamedInAnAuditEntryOfTheSameInvocation() {
        AuditCompleteness completeness = new AuditCompleteness();
        MovableClock clock = new MovableClock(ExportLinkTest.NOW);
        List<Mail> sent = new ArrayList<>();
        FolderExportStore store = new FolderExportStore(exports);
        ApiClient api = new ApiClient(completeness.checking(new PublicRequestsHandler(new HandlerSetup(
                completeness.recording(ENGINE.client()), ENGINE.tables(), clock, mail -> {
                    sent.add(mail);
                    return "sent-" + sent.size();
                }, RegisterVariables.with(Map.of("PUBLIC_BASE_URL", "http://localhost:3000"))), store),
                e -> e.getRequestContext().getHttp().getMethod() + " " + e.getRawPath()));

        String json = "{\"type\": \"ACCESS\", \"email\": \"olga.open@example.fi\", \"name\": \"Olga Open\"}";
        assertThat(api.call("POST", "/public/requests", b -> b.json(json)).status()).isEqualTo(202);
        assertThat(api.call("POST", "/public/requests", b -> b.json(json)).status()).as("asked again").isEqualTo(202);
        assertThat(api.call("POST", "/public/requests", b -> b.json(json.replace("ACCESS", "OBJECTION"))).status())
                .as("another right, same person").isEqualTo(202);
        String token = tokenIn(sent.get(0).text());
        assertThat(api.call("GET", "/public/verify", b -> b.query("token", token)).status()).isEqualTo(200);
        assertThat(press(api, token).status()).isEqualTo(200);
        assertThat(press(api, token).status()).as("pressed twice").isEqualTo(200);
        String wrong = token.substring(0, token.length() - 4) + "AAAA";
        assertThat(api.call("GET", "/public/verify", b -> b.query("token", wrong)).status()).isEqualTo(410);
        assertThat(press(api, wrong).status()).isEqualTo(410);

        VerificationToken link = ExportLinkTest.completedAccess(ENGINE.register().requests(), store,
                "olga.open@example.fi", ExportLinkTest.NOW);
        assertThat(ExportLinkTest.show(api, link.value()).status()).isEqualTo(200);
        assertThat(ExportLinkTest.open(api, link.value()).status()).isEqualTo(200);
        assertThat(ExportLinkTest.open(api, link.value()).status()).as("spent").isEqualTo(410);
        assertThat(ExportLinkTest.show(api, link.value()).status()).as("spent").isEqualTo(410);

        assertThat(completeness.invocations()).isEqualTo(12);
        assertThat(completeness.unaudited()).isEmpty();
    }

    private static ApiClient.Answer press(ApiClient api, String token) {
        return api.call("POST", "/public/verify", b -> b.rawBody("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                false).header("content-type", "application/x-www-form-urlencoded"));
    }

    private static String tokenIn(String mailText) {
        Matcher m = Pattern.compile("/public/verify\\?token=(\\S+)").matcher(mailText);
        assertThat(m.find()).as("a verification link in the mail").isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
