package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.mail.OutboxMailer;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request form in real headless Chromium (Debian's), with JavaScript disabled, against
 * the local runtime over HTTP: each language, an invalid address, a valid submission, and the
 * verification link from the outbox.
 */
class RequestFormInBrowserTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @TempDir
    static Path outbox;
    @TempDir
    static Path profile;
    static LocalApi api;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<LocalApi.Binding> bindings = LocalApi.bind(SamTemplate.load(), ENGINE.client(),
                ENGINE.tableNamesByLogicalId(), Clock.systemUTC(),
                new OutboxMailer(outbox, "tietosuoja@dentalsystems.fi", Clock.systemUTC()),
                Map.of("PUBLIC_BASE_URL", "http://127.0.0.1:0"));
        api = LocalApi.start(0, bindings, DevTokens.withKey(key), RepositoryRoot.find().resolve("openapi.yaml"));
        base = "http://127.0.0.1:" + api.port();

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=420,900", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    /** The form posts and the browser loads the answer: wait for it (a page load, not a timing claim). */
    private static void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private static void screenshot(String name) throws IOException {
        Path dir = RepositoryRoot.find().resolve("local/runtime/target/screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void eachLanguageRenders() throws IOException {
        Map<String, String> submit = Map.of("fi", "Lähetä pyyntö", "sv", "Skicka begäran", "en", "Send request");
        for (var entry : submit.entrySet()) {
            browser.get(base + "/form?lang=" + entry.getKey());
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(entry.getKey());
            assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo(entry.getValue());
            assertThat(browser.findElement(By.cssSelector("label[for=email]")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("input[type=radio][name=type]"))).hasSize(5);
            screenshot("form-" + entry.getKey());
        }
    }

    @Test
    void thePrivacyNoticeIsLinkedFromTheFormAndReadableInEachLanguageWithoutJavaScript() throws IOException {
        Map<String, String> controllerSection = Map.of("fi", "1. Rekisterinpitäjä", "sv", "1. Personuppgiftsansvarig",
                "en", "1. Controller");
        for (var entry : controllerSection.entrySet()) {
            String lang = entry.getKey();
            browser.get(base + "/form?lang=" + lang);
            browser.findElement(By.cssSelector("a[href='/privacy-notice?lang=" + lang + "']")).click();
            waitFor(By.id("s13"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
            List<String> headings = browser.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList();
            assertThat(headings).hasSize(13).first().isEqualTo(entry.getValue());
            // the retention rows are a table with header cells, one row per rule of the policy
            assertThat(browser.findElements(By.cssSelector("section[aria-labelledby=s5] table")).get(1)
                    .findElements(By.cssSelector("tbody tr")))
                    .hasSize(fi.dentalsystems.register.core.retention.RetentionPolicy.defaults().rules().size());
            assertThat(browser.getPageSource()).contains(SamTemplate.load().parameterDefault("ControllerName").orElseThrow())
                    .contains(SamTemplate.load().parameterDefault("RegisterContactName").orElseThrow());
            screenshot("privacy-notice-" + lang);
            // the notice links back to the form (absolute, at the stack's public address)
            assertThat(browser.findElements(By.cssSelector("a[href$='/form?lang=" + lang + "']"))).isNotEmpty();
        }
    }

    @Test
    void anInvalidAddressIsShownNextToItsFieldWithoutJavaScript() throws IOException {
        browser.get(base + "/form?lang=en");
        browser.findElement(By.id("type-access")).click();
        browser.findElement(By.id("email")).sendKeys("not-an-address");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("error-summary"));
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("Enter a working email address");
        var fieldError = browser.findElement(By.id("email-error"));
        assertThat(fieldError.isDisplayed()).isTrue();
        assertThat(fieldError.getText()).contains("Enter a working email address");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("not-an-address");
        assertThat(browser.findElement(By.id("type-access")).isSelected()).isTrue();
        screenshot("form-error-en");
    }

    @Test
    void aValidSubmissionIsConfirmedAndTheMailedLinkVerifiesIt() throws IOException {
        browser.get(base + "/form?lang=fi");
        browser.findElement(By.id("type-objection")).click();
        browser.findElement(By.id("email")).sendKeys("selain.testi@example.fi");
        browser.findElement(By.id("name")).sendKeys("Selain Testi");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.tagName("h1"),
                "Kiitos, pyyntö on vastaanotettu"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kiitos, pyyntö on vastaanotettu");
        screenshot("form-received-fi");

        String mail;
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> mails = files.filter(f -> f.toString().endsWith(".eml")).toList();
            assertThat(mails).hasSize(1);
            mail = Files.readString(mails.get(0));
        }
        String body = new String(Base64.getDecoder().decode(mail.substring(mail.indexOf("\r\n\r\n") + 4)
                .replaceAll("\\s", "")), StandardCharsets.UTF_8);
        Matcher link = Pattern.compile("/public/verify\\?token=(\\S+)").matcher(body);
        assertThat(link.find()).isTrue();
        browser.get(base + "/public/verify?token=" + link.group(1));
        // the link shows a page with one button (issue 11: mail scanners open links); the button confirms
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vahvista tietosuojapyyntösi");
        screenshot("verify-page-fi");
        browser.findElement(By.id("open")).click();
        // the button posts and the browser loads the answer: wait for it (a page load, not a timing claim)
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.tagName("h1"),
                "Pyyntö on vahvistettu"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pyyntö on vahvistettu");
        screenshot("verified-fi");

        String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
        RequestRepository requests = new RequestRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(ENGINE.client()).build(),
                ENGINE.tableNamesByLogicalId().get("RequestsTable"));
        assertThat(requests.find(token.substring(0, token.indexOf('.'))).orElseThrow().status())
                .isEqualTo(RequestStatus.VERIFIED);
    }
}
