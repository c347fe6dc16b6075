package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy notice through the local runtime, as `./dev up` serves it: from the template's
 * parameters, in three languages, as a page and as JSON; a changed parameter changes it.
 */
class PrivacyNoticeLocalTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    private static HttpResponse<String> get(LocalApi api, String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return LocalRegister.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LocalApi start(Path outbox, Map<String, String> overrides) throws Exception {
        return LocalApi.start(0, LocalApi.bind(SamTemplate.load(), ENGINE.client(), ENGINE.tableNamesByLogicalId(),
                        Clock.systemUTC(), new OutboxMailer(outbox, "noreply@example.test", Clock.systemUTC()), overrides),
                DevTokens.withKey(new byte[32]), RepositoryRoot.find().resolve("openapi.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv", "en"})
    void theNoticeInEachLanguageHasEverySectionAndTheTemplatesParameters(String lang, @TempDir Path outbox)
            throws Exception {
        SamTemplate template = SamTemplate.load();
        try (LocalApi api = start(outbox, Map.of())) {
            HttpResponse<String> page = get(api, "/privacy-notice?lang=" + lang, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("cache-control")).contains("public, max-age=3600");
            for (int section = 1; section <= 13; section++) {
                assertThat(page.body()).contains("<h2 id=\"s" + section + "\">" + section + ". ");
            }
            for (String parameter : new String[] {"ControllerName", "ControllerStreetAddress", "ControllerPhone",
                    "ControllerEmail", "ControllerBusinessId", "RegisterContactName", "RegisterContactEmail",
                    "RegisterContactPhone", "IntakeAddress"}) {
                assertThat(page.body()).as(parameter).contains(template.parameterDefault(parameter).orElseThrow());
            }
            HttpResponse<String> json = get(api, "/privacy-notice?format=json&lang=" + lang, null);
            assertThat(json.headers().firstValue("content-type")).contains("application/json");
            assertThat(json.body()).contains("\"language\":\"" + lang + "\"").contains("\"number\":13");
        }
    }

    @Test
    void theLanguageComesFromAcceptLanguageElseFinnishAndAnUnknownOneIsA400(@TempDir Path outbox) throws Exception {
        try (LocalApi api = start(outbox, Map.of())) {
            assertThat(get(api, "/privacy-notice", "sv-FI,sv;q=0.9").body()).contains("<html lang=\"sv\"");
            assertThat(get(api, "/privacy-notice", "de-DE").body()).contains("<html lang=\"fi\"");
            assertThat(get(api, "/privacy-notice", null).body()).contains("<html lang=\"fi\"");
            HttpResponse<String> bad = get(api, "/privacy-notice?lang=de", null);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("content-type")).contains("application/problem+json");
        }
    }

    @Test
    void aChangedControllerParameterChangesTheNotice(@TempDir Path outbox) throws Exception {
        try (LocalApi api = start(outbox, Map.of("CONTROLLER_STREET_ADDRESS", "Muuttokatu 5",
                "REGISTER_CONTACT_NAME", "Uusi Yhteyshenkilö"))) {
            String page = get(api, "/privacy-notice?lang=fi", null).body();
            assertThat(page).contains("Muuttokatu 5").contains("Uusi Yhteyshenkilö")
                    .doesNotContain(SamTemplate.load().parameterDefault("ControllerStreetAddress").orElseThrow())
                    .doesNotContain(SamTemplate.load().parameterDefault("RegisterContactName").orElseThrow());
        }
    }

    @Test
    void theRecordOfProcessingIsForAdminsOnly(@TempDir Path outbox) throws Exception {
        DevTokens tokens = DevTokens.withKey(new byte[32]);
        try (LocalApi api = start(outbox, Map.of())) {
            for (String role : new String[] {"staff", "admin"}) {
                HttpResponse<String> r = LocalRegister.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + api.port() + "/records-of-processing"))
                        .header("Authorization", "Bearer " + tokens.issue(role, java.time.Instant.now())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(role).isEqualTo(role.equals("admin") ? 200 : 403);
                if (role.equals("admin")) {
                    assertThat(r.body()).contains("\"legalBasis\":\"GDPR art. 6(1)(b)\"").contains("\"AUTHENTICATION\"")
                            .contains("CredentialsTable");
                }
            }
        }
    }
}
