package fi.dentalsystems.register.local;

import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The person's side in real headless Chromium: the export link from the outbox mail, opened on
 * the local server, shows the Finnish page with their name, every heading and the JSON download;
 * the same link opened again shows the refusal. Screenshots in local/runtime/target/screenshots.
 */
class AccessExportLinkInBrowserTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static final String PERSON = "eino@example.fi";

    @Test
    void theMailedLinkOpensTheFinnishExportPageOnce(@TempDir Path dir) throws Exception {
        try (LocalRegister register = new LocalRegister(ENGINE, dir)) {
            String customerId = LocalRegister.field(register.staff("POST", "/customers", """
                    {"name": "Hammaslääkäriasema Esimerkki Oy", "businessId": "0112038-9", "email": "toimisto@esimerkki.example",
                     "phone": "09 1234 5678",
                     "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                    """).body(), "customerId");
            register.staff("POST", "/customers/" + customerId + "/contacts", "{\"name\": \"Eino Ärväs\", \"email\": \""
                    + PERSON + "\", \"roles\": [\"DECISION_MAKER\"], \"source\": \"PUBLIC_REGISTER\"}");
            assertThat(register.submitForm("type=ACCESS&lang=fi&email=" + PERSON.replace("@", "%40")).statusCode())
                    .isEqualTo(202);
            String verify = LocalRegister.link(register.awaitMail(PERSON, 1), "/public/verify");
            assertThat(register.open(verify).statusCode()).isEqualTo(200);
            assertThat(register.press(verify).statusCode()).isEqualTo(200);
            String requestId = URLDecoder.decode(verify.substring(verify.indexOf("token=") + 6), StandardCharsets.UTF_8)
                    .split("\\.")[0];
            assertThat(register.staff("POST", "/requests/" + requestId + "/complete", null).statusCode()).isEqualTo(200);
            String link = LocalRegister.link(register.awaitMail(PERSON, 2), "/public/exports/")
                    .replace("http://localhost:0", "http://localhost:" + register.api.port());

            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=900,1600", "--lang=fi-FI", "--user-data-dir=" + dir.resolve("profile").toAbsolutePath());
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "fi-FI,fi"));
            WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
            Path shots = RepositoryRoot.find().resolve("local/runtime/target/screenshots");
            Files.createDirectories(shots);
            try {
                browser.get(link);
                // the link's page: one button, no data yet (a mail scanner's fetch would spend nothing)
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tietosi ovat valmiina");
                assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Eino");
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                        shots.resolve("access-export-link-ready-fi.png"), StandardCopyOption.REPLACE_EXISTING);
                browser.findElement(By.id("open")).click();
                assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
                assertThat(browser.findElement(By.tagName("h1")).getText())
                        .isEqualTo("Tietosi Dental-Systems Oy:n asiakasrekisterissä");
                assertThat(browser.findElements(By.tagName("h2"))).extracting(WebElement::getText).contains(
                        "Koneluettava kopio", "Yhteyshenkilötiedot asiakkaiden rekistereissä",
                        "Sinua koskevat asiakashistorian merkinnät", "Kirjautumistiedot (ei koskaan salasanoja)",
                        "Asiakasyritykset, joiden oma osoite on sinun", "Tietosuojapyyntösi",
                        "Siirrot EU/ETA-alueen ulkopuolelle");
                String text = browser.findElement(By.tagName("main")).getText();
                assertThat(text).contains("Eino Ärväs").contains("Hammaslääkäriasema Esimerkki Oy")
                        .contains("julkinen rekisteri").contains("päättäjä").contains("24 kuukautta");
                WebElement download = browser.findElement(By.id("json-download"));
                assertThat(download.getText()).isEqualTo("Lataa tiedot JSON-muodossa");
                assertThat(download.getAttribute("download")).isEqualTo("access-export-" + requestId + ".json");
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                        shots.resolve("access-export-link-fi.png"), StandardCopyOption.REPLACE_EXISTING);

                browser.get(link); // the mailed link again, after its one use
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Linkki ei ole enää voimassa");
                assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Eino");
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                        shots.resolve("access-export-link-used-fi.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
    }
}
