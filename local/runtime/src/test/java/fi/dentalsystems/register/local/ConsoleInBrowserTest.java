package fi.dentalsystems.register.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console (issue 16) in Debian's headless Chromium against the whole local system: signing in
 * through the dev issuer's authorization-code flow with PKCE (the path Cognito's hosted sign-in takes
 * in AWS), the request queue and a request's actions, customers with a concurrent edit, admin's legal
 * hold, a processor's narrower view, token refresh and sign-out. Every page is checked with axe-core
 * (npm, injected into the page) for serious and critical violations, and photographed into
 * local/runtime/target/screenshots/.
 */
class ConsoleInBrowserTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    @TempDir
    static Path dir;
    @TempDir
    static Path profile;
    static LocalRegister register;
    static WebDriver browser;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        register = new LocalRegister(ENGINE, dir, Duration.ofMinutes(60));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=en-GB", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void signedOutBetweenTests() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(register.base() + "/console/index.html");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (register != null) {
            register.close();
        }
    }

    private static WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Clicks once the element is there, again if the page re-rendered it meanwhile (the search answers twice). */
    private static void clickWhenReady(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(element).click();
                    return true;
                });
    }

    private static void waitForText(By element, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    /** The console's sign-in button, then the dev issuer's page, then back with a code the console exchanges. */
    private static void signIn(String role) {
        browser.get(register.base() + "/console");
        waitFor(By.id("sign-in")).click();
        waitFor(By.id("role-" + role.replace(':', '-'))).click();
        waitFor(By.id("who"));
    }

    private static void screenshot(String name) throws IOException {
        Path shots = RepositoryRoot.find().resolve("local/runtime/target/screenshots");
        Files.createDirectories(shots);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), shots.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** axe-core from local/console-tools (npm, pinned), run in the page: the serious and critical violations. */
    @SuppressWarnings("unchecked")
    private static List<String> seriousViolations() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(RepositoryRoot.find().resolve("local/console-tools/node_modules/axe-core/axe.min.js")));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id,"
                        + " impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))));");
        return violations.stream().filter(v -> List.of("serious", "critical").contains(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("nodes")).toList();
    }

    private static void checkPage(String name) throws IOException {
        assertThat(seriousViolations()).as("axe-core on " + name).isEmpty();
        screenshot(name);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static String letter(String type, String email) throws IOException {
        return json(register.staff("POST", "/requests", "{\"type\":\"" + type + "\",\"channel\":\"LETTER\",\"email\":\""
                + email + "\",\"name\":\"Aino Asiakas\",\"language\":\"fi\"}")).get("requestId").asText();
    }

    private static String customer(String name, String businessId, String phone) throws IOException {
        return json(register.staff("POST", "/customers", "{\"name\":\"" + name + "\",\"businessId\":\"" + businessId
                + "\",\"email\":\"office@" + businessId.replace("-", "") + ".example\",\"phone\":\"" + phone
                + "\",\"billingAddress\":{\"street\":\"Katu 1\",\"postalCode\":\"00100\",\"city\":\"Helsinki\",\"country\":\"FI\"}}"))
                .get("customerId").asText();
    }

    @Test
    void staffSignInWithTheKeyboardAndAFormRequestSubmittedMeanwhileAppearsInTheQueue() throws IOException {
        browser.get(register.base() + "/console");
        waitFor(By.id("sign-in"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        checkPage("sign-in");
        // the keyboard alone: Tab to the sign-in button, Enter; on the issuer's page Tab to staff, Enter
        tabTo("sign-in");
        waitFor(By.id("role-staff"));
        checkPage("dev-issuer");
        tabTo("role-staff");
        waitFor(By.id("who"));
        waitFor(By.cssSelector("#main h1"));
        assertThat(browser.getCurrentUrl()).as("the code is gone from the address").doesNotContain("code=")
                .endsWith("/console/index.html#/requests");
        // no other test of this class asks for a restriction: the rows of that type are this test's
        By restrictions = By.xpath("//table[@id='queue']/tbody/tr[td[2]='RESTRICTION']");
        assertThat(browser.findElements(restrictions)).isEmpty();

        String form = "type=RESTRICTION&email=queue.person%40example.fi&name=Q&lang=fi";
        assertThat(register.submitForm(form).statusCode()).isBetween(200, 299);
        browser.findElement(By.cssSelector("nav a[href='#/requests']")).click();
        waitFor(restrictions);
        String requestId = browser.findElement(restrictions).getAttribute("data-request");
        assertThat(requestId).startsWith("req_");
        assertThat(browser.findElement(restrictions).getText()).contains("WEB_FORM");
        // the same person asking again, a minute later, is shown with the original
        register.clock.advance(Duration.ofMinutes(1));
        assertThat(register.submitForm(form).statusCode()).isBetween(200, 299);
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(restrictions).size() == 2);
        assertThat(browser.findElement(By.id("queue")).getText()).contains("Duplicate of " + requestId);
        assertThat(browser.findElement(By.cssSelector(".summary")).getText()).contains("RESTRICTION 2");
        checkPage("requests");

        // Finnish, switched on the page
        browser.findElement(By.id("language")).click();
        waitForText(By.cssSelector("#main h1"), "Avoimet pyynnöt");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
        checkPage("requests-fi");
    }

    private static void tabTo(String id) {
        for (int i = 0; i < 15; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
                new Actions(browser).sendKeys(Keys.ENTER).perform();
                return;
            }
        }
        throw new AssertionError("the keyboard never reached #" + id);
    }

    @Test
    void staffVerifyALetterRequestWithANoteAndExtendIt() throws IOException {
        String id = letter("RECTIFICATION", "letter.writer@example.fi");
        signIn("staff");
        browser.get(register.base() + "/console/index.html#/requests/" + id);
        waitFor(By.id("verify-form"));
        checkPage("request");
        browser.findElement(By.id("note")).sendKeys("Identity checked from the signed letter against the contract");
        browser.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
        waitForText(By.id("request-status"), "VERIFIED");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("VERIFIED")
                .contains("Identity checked from the signed letter");
        assertThat(json(register.staff("GET", "/requests/" + id, null)).get("status").asText()).isEqualTo("VERIFIED");
        // the rectification review: records beside the requested corrections
        waitFor(By.id("records"));

        new Select(browser.findElement(By.id("months"))).selectByValue("2");
        browser.findElement(By.id("reason")).sendKeys("Records are spread over several systems");
        browser.findElement(By.cssSelector("#extend-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.id("extend-form")).isEmpty());
        JsonNode extended = json(register.staff("GET", "/requests/" + id, null));
        assertThat(extended.get("extension").get("months").asInt()).isEqualTo(2);
        assertThat(browser.findElement(By.id("main")).getText()).contains("Records are spread over several systems");
        assertThat(register.mailsTo("letter.writer@example.fi")).isNotEmpty();
        checkPage("request-extended");
    }

    @Test
    void staffCompleteAnAccessRequestAfterTheExportPreviewAndTheLinkLandsInTheOutbox() throws IOException {
        String id = letter("ACCESS", "access.asker@example.fi");
        assertThat(register.staff("POST", "/requests/" + id + "/verify", "{\"note\":\"passport seen at the desk\"}")
                .statusCode()).isEqualTo(200);
        signIn("staff");
        browser.get(register.base() + "/console/index.html#/requests/" + id);
        waitFor(By.id("export-preview"));
        assertThat(browser.findElements(By.cssSelector("#export-preview details.category"))).hasSizeGreaterThanOrEqualTo(5);
        checkPage("request-access-review");
        // the button asks for the review first: without the box ticked the browser refuses to submit
        browser.findElement(By.cssSelector("#complete-form button[type=submit]")).click();
        assertThat(json(register.staff("GET", "/requests/" + id, null)).get("status").asText()).isEqualTo("VERIFIED");
        browser.findElement(By.id("reviewed")).click();
        browser.findElement(By.cssSelector("#complete-form button[type=submit]")).click();
        waitForText(By.id("request-status"), "COMPLETED");
        assertThat(register.mailsTo("access.asker@example.fi")).anyMatch(m -> m.text().contains("/public/exports/"));
    }

    @Test
    void aConcurrentEditShowsSomeoneChangedThisMeanwhileWithTheCurrentValues() throws IOException {
        String id = customer("Hammaslääkäri Konflikti Oy", fi.dentalsystems.register.local.support.SampleBusinessIds.nth(1601), "+358912345678");
        signIn("staff");
        browser.findElement(By.cssSelector("nav a[href='#/customers']")).click();
        waitFor(By.id("q")).sendKeys("Konflikti");
        browser.findElement(By.cssSelector("#search button")).click();
        clickWhenReady(By.cssSelector("#customer-list a[href='#/customers/" + id + "']"));
        waitFor(By.id("edit-form"));
        checkPage("customer");
        // someone else saves meanwhile
        HttpResponse<String> current = register.staff("GET", "/customers/" + id, null);
        assertThat(register.staff("PATCH", "/customers/" + id, "{\"name\":\"Konflikti Toinen Oy\"}",
                "If-Match", current.headers().firstValue("etag").orElseThrow()).statusCode()).isEqualTo(200);
        WebElement name = browser.findElement(By.id("edit-name"));
        name.clear();
        name.sendKeys("Konflikti Minun Oy");
        browser.findElement(By.cssSelector("#edit-form button[type=submit]")).click();
        waitFor(By.id("conflict"));
        assertThat(browser.findElement(By.id("conflict")).getText()).contains("Someone changed this meanwhile")
                .contains("Konflikti Toinen Oy");
        assertThat(browser.findElement(By.id("edit-name")).getAttribute("value")).isEqualTo("Konflikti Toinen Oy");
        assertThat(json(register.staff("GET", "/customers/" + id, null)).get("name").asText()).isEqualTo("Konflikti Toinen Oy");
        checkPage("customer-conflict");
    }

    @Test
    void adminPlacesALegalHold() throws IOException {
        String id = customer("Pidätys Oy", fi.dentalsystems.register.local.support.SampleBusinessIds.nth(1602), "+358912345600");
        signIn("admin");
        browser.findElement(By.cssSelector("nav a[href='#/admin']")).click();
        waitFor(By.id("hold-form"));
        new Select(browser.findElement(By.id("hold-target"))).selectByValue("CUSTOMER");
        browser.findElement(By.id("hold-id")).sendKeys(id);
        String until = java.time.LocalDate.now().plusYears(2).toString();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('hold-until').value = arguments[0]", until);
        browser.findElement(By.id("hold-reason")).sendKeys("Dispute over invoices 2026");
        browser.findElement(By.id("hold-place")).click();
        waitForText(By.id("hold-result"), "Dispute over invoices 2026");
        JsonNode hold = json(register.as("admin", "GET", "/customers/" + id + "/hold", null));
        assertThat(hold.get("until").asText()).isEqualTo(until);
        assertThat(hold.get("active").asBoolean()).isTrue();
        checkPage("admin");
    }

    @Test
    void adminSeesThePurgeRunsReportOnTheAdminPage() throws Exception {
        // the real purge, as its daily schedule runs it: its report lands in the Jobs table the page reads
        try (LocalSchedules schedules = new LocalSchedules(register.functions.template(), register.functions::handler,
                List.of(), register.deadLetters)) {
            schedules.runNow("RetentionPurgeFunction");
            // a whole run over every day bucket since the first day: slow on a loaded machine, so a long wait
            new WebDriverWait(browser, Duration.ofSeconds(180)).until(d ->
                    !register.as("admin", "GET", "/purge/reports", null).body().contains("\"items\":[]"));
        }
        JsonNode reports = json(register.as("admin", "GET", "/purge/reports", null)).get("items");
        String runId = reports.get(0).get("runId").asText();
        assertThat(runId).startsWith("pur_");
        assertThat(register.staff("GET", "/purge/reports", null).statusCode()).as("admins only").isEqualTo(403);
        signIn("admin");
        browser.findElement(By.cssSelector("nav a[href='#/admin']")).click();
        waitFor(By.id("purge-form"));
        browser.findElement(By.id("purge-show")).click();
        waitForText(By.id("purge-result"), runId);
        assertThat(browser.findElement(By.id("purge-table")).findElements(By.cssSelector("tbody tr")))
                .hasSize(reports.size());
        checkPage("admin-purge-reports");
    }

    @Test
    void theErasureReviewShowsWhatIsDeletedAndWhatALegalHoldOrTheAccountingActKeeps() throws IOException {
        String email = "erasure.review@example.fi";
        String free = customer("Vapaa Oy", fi.dentalsystems.register.local.support.SampleBusinessIds.nth(1604), "+358912300001");
        String held = customer("Riita Oy", fi.dentalsystems.register.local.support.SampleBusinessIds.nth(1605), "+358912300002");
        String contact = "{\"name\":\"Eeva Esimerkki\",\"email\":\"" + email + "\",\"roles\":[\"TECHNICAL\"],\"source\":\"CUSTOMER\"}";
        String deletedId = json(register.staff("POST", "/customers/" + free + "/contacts", contact)).get("contactId").asText();
        String keptId = json(register.staff("POST", "/customers/" + held + "/contacts", contact)).get("contactId").asText();
        String until = java.time.LocalDate.now().plusYears(1).toString();
        json(register.as("admin", "PUT", "/customers/" + held + "/hold", "{\"until\":\"" + until + "\",\"reason\":\"Claim\"}"));
        String requestId = letter("ERASURE", email);
        json(register.staff("POST", "/requests/" + requestId + "/verify", "{\"note\":\"Signed letter, ID checked\"}"));

        signIn("staff");
        browser.get(register.base() + "/console/index.html#/requests/" + requestId);
        waitFor(By.id("erasure-review"));
        WebElement deleted = waitFor(By.id("erasure-deleted"));
        WebElement kept = browser.findElement(By.id("erasure-kept"));
        assertThat(deleted.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(deleted.findElement(By.cssSelector("tbody a")).getAttribute("href")).endsWith("#/customers/" + free);
        // the contact under its customer's hold is kept, and says why; so is nothing else of the person
        List<WebElement> keptRows = kept.findElements(By.cssSelector("tbody tr"));
        assertThat(keptRows).hasSize(1);
        assertThat(keptRows.get(0).findElement(By.cssSelector("a")).getAttribute("href")).endsWith("#/customers/" + held);
        assertThat(keptRows.get(0).getText()).contains("Legal hold on the customer until");
        assertThat(browser.findElement(By.id("erasure-review")).getText()).doesNotContain("Claim");
        checkPage("erasure-review");

        // the review promised what the erasure does: the free contact is gone, the held one kept and restricted
        json(register.staff("POST", "/requests/" + requestId + "/complete", null));
        assertThat(register.staff("GET", "/contacts/" + deletedId, null).statusCode()).isEqualTo(404);
        assertThat(json(register.staff("GET", "/contacts/" + keptId, null)).has("restriction")).isTrue();
    }

    @Test
    void aProcessorIsNotShownWhatItsContractDoesNotCover() throws IOException {
        String id = customer("Laskutettava Oy", fi.dentalsystems.register.local.support.SampleBusinessIds.nth(1603), "+358912399999");
        // what the API leaves out for the billing processor: the phone (not a billing field), history (403)
        String asBilling = register.as("processor:billing", "GET", "/customers/" + id, null).body();
        assertThat(asBilling).contains("Laskutettava Oy").doesNotContain("+358912399999");
        signIn("processor:billing");
        assertThat(browser.findElements(By.cssSelector("nav a[href='#/requests']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("nav a[href='#/admin']"))).isEmpty();
        browser.get(register.base() + "/console/index.html#/customers/" + id);
        waitFor(By.id("customer-facts"));
        waitFor(By.id("processor-note"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Laskutettava Oy").doesNotContain("+358912399999");
        assertThat(browser.findElements(By.id("history"))).isEmpty();
        assertThat(browser.findElements(By.id("edit-form"))).isEmpty();
        checkPage("processor-customer");
        // typed addresses of pages outside the contract show the API's refusal, never the page's data or forms
        browser.get(register.base() + "/console/index.html#/admin");
        browser.navigate().refresh();
        waitFor(By.cssSelector("#main h1"));
        assertThat(browser.findElements(By.id("hold-form"))).isEmpty();
        assertThat(browser.findElements(By.id("purge-form"))).isEmpty();
        String requestId = letter("ACCESS", "processor.view@example.fi");
        browser.get(register.base() + "/console/index.html#/requests/" + requestId);
        browser.navigate().refresh();
        waitFor(By.cssSelector("#main [role='alert'], #main .error"));
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("processor.view@example.fi");
        assertThat(browser.findElements(By.cssSelector("#main button.primary"))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefreshedAndSignOutRevokesTheRefreshToken() throws IOException {
        signIn("staff");
        waitFor(By.cssSelector("#main h1"));
        int before = register.signIn.refreshes();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // a token that expired an hour ago, which the page still believes valid: the API's 401 makes it refresh
        String expired = register.tokens.issue("staff", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        js.executeScript("const t = JSON.parse(sessionStorage.getItem('register.tokens')); t.access = arguments[0];"
                + " t.expiresAt = Date.now() + 3600000; sessionStorage.setItem('register.tokens', JSON.stringify(t));", expired);
        browser.findElement(By.cssSelector("nav a[href='#/customers']")).click();
        waitFor(By.id("search"));
        assertThat(register.signIn.refreshes()).isEqualTo(before + 1);
        String refresh = (String) js.executeScript("return JSON.parse(sessionStorage.getItem('register.tokens')).refresh");
        assertThat(refresh).isNotBlank();

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        assertThat(js.executeScript("return sessionStorage.length")).isEqualTo(0L);
        HttpResponse<String> afterSignOut = LocalRegister.HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(register.base() + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + DevTokens.AUDIENCE
                        + "&refresh_token=" + refresh)).build(), HttpResponse.BodyHandlers.ofString()).join();
        assertThat(afterSignOut.statusCode()).isEqualTo(400);
        assertThat(afterSignOut.body()).contains("invalid_grant");
    }

    @Test
    void pagesReflowOnANarrowWindowAndAt200PercentZoomWithoutSidewaysScrolling() throws IOException {
        letter("ERASURE", "narrow.window@example.fi");
        signIn("staff");
        waitFor(By.cssSelector("#queue tbody tr"));
        // 640 CSS pixels: a 1280-pixel window at 200 % zoom; 360: a phone
        for (int width : new int[]{640, 360}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways scroll at " + width + " px").isLessThanOrEqualTo(0);
            screenshot("requests-" + width + "px");
        }
    }

    @Test
    void theApiReferenceIsRenderedFromOpenapiYamlByRedocFromThisOrigin() throws IOException {
        browser.get(register.base() + "/console/reference.html");
        // Redoc (npm, local/console-tools) lists each operation by its summary, read from /openapi.yaml
        waitForText(By.tagName("body"), "Register a customer organisation");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        // axe-core as on every console page: Redoc's theme, reference.css and reference-labels.js (decision 0014)
        checkPage("api-reference");
    }
}
