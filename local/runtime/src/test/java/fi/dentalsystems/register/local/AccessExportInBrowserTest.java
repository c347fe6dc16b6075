package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fi.dentalsystems.register.core.domain.ContactRole;
import fi.dentalsystems.register.core.domain.Customer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.HttpApiEvents;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.requests.RequestsApiHandler;
import fi.dentalsystems.register.core.config.Register;
import fi.dentalsystems.register.local.support.Customers;
import fi.dentalsystems.register.local.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The readable access export in real headless Chromium: the person's name and every section heading show. */
class AccessExportInBrowserTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();

    @Test
    void theExportPageShowsTheNameAndEverySection(@TempDir Path dir) throws Exception {
        Register register = ENGINE.register();
        Customer clinic = register.customers().create(Customers.aCustomer("0112038-9"));
        register.contacts().create(Customers.aContact(clinic, "aada@example.fi").withName("Aada Äänekoski")
                .withRoles(Set.of(ContactRole.USER)));
        DataSubjectRequest request = register.requests().create(
                Requests.aVerifiedRequest(RequestType.ACCESS, "aada@example.fi"));
        APIGatewayV2HTTPResponse page = new RequestsApiHandler(ENGINE.setup(Clock.systemUTC(), mail -> "sent",
                Map.of("PUBLIC_BASE_URL", "http://localhost"))).handleRequest(
                HttpApiEvents.request("GET", "/requests/{requestId}/export").path("requestId", request.requestId())
                        .query("format", "html").caller("staff-5", "register-staff").build(), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        Path file = dir.resolve("export.html");
        Files.writeString(file, page.getBody());

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=900,1400", "--user-data-dir=" + dir.resolve("profile").toAbsolutePath());
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            browser.get(file.toUri().toString());
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tietosi Dental-Systems Oy:n asiakasrekisterissä");
            assertThat(browser.findElements(By.tagName("h2"))).extracting(e -> e.getText()).contains(
                    "Yhteyshenkilötiedot asiakkaiden rekistereissä", "Sinua koskevat asiakashistorian merkinnät",
                    "Kirjautumistiedot (ei koskaan salasanoja)", "Tietosuojapyyntösi",
                    "Siirrot EU/ETA-alueen ulkopuolelle", "Koneluettava kopio");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Aada Äänekoski").contains("Klinikka Oy");
            Path shots = RepositoryRoot.find().resolve("local/runtime/target/screenshots");
            Files.createDirectories(shots);
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    shots.resolve("access-export-fi.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}
