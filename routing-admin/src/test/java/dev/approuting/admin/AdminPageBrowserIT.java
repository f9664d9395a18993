package dev.approuting.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.approuting.core.Environment;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The admin page in a real headless Chromium (Debian's chromium and chromium-driver packages): every
 * database row, the routing table, the stopped server marked unreachable, the stylesheet applied. It
 * also keeps {@code docs/admin.png} current: the screenshot is regenerated with
 * {@code -Dadmin.screenshot.update=true}; otherwise the page text it was taken from, kept in
 * {@code docs/admin.png.txt} with ports and timings masked, must match the page of today.
 */
class AdminPageBrowserIT {
    private static final boolean UPDATE = Boolean.getBoolean("admin.screenshot.update");

    @RegisterExtension
    static final PostgresExtension a = PostgresExtension.embedded();

    /** Stopped once the admin server runs, so the page shows it unreachable. */
    @RegisterExtension
    static final PostgresExtension b = PostgresExtension.embedded();

    private static AdminServer admin;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), Chromium.missing());
        AdminCompany.migrate(a, b);
        admin = AdminServer.configure(AdminCompany.registry())
                .credentials(AdminCompany.credentials(a, b))
                .environment(Environment.DEVELOPMENT)
                .probeTimeout(Duration.ofSeconds(1))
                .cacheFor(Duration.ZERO)
                .start();
        b.stop();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void showsEveryDatabaseTheRoutingTableAndTheStoppedServer() throws IOException {
        browser.get(admin.uri().toString());
        assertThat(browser.getTitle()).isEqualTo("Databases of toolshed · development");

        List<WebElement> rows = browser.findElements(By.cssSelector("#databases tbody tr"));
        assertThat(rows)
                .extracting(r -> r.getAttribute("data-db"))
                .containsExactly("users", "buildsense", "maven", "scratch");
        WebElement maven = browser.findElement(By.id("db-maven"));
        assertThat(maven.getAttribute("class")).isEqualTo("down");
        assertThat(maven.findElement(By.cssSelector("td.state")).getText()).startsWith("unreachable");
        assertThat(maven.findElement(By.cssSelector("td.state .error")).getText())
                .contains("refused");
        for (String up : List.of("users", "buildsense", "scratch")) {
            WebElement row = browser.findElement(By.id("db-" + up));
            assertThat(row.getAttribute("class")).as(up).isEqualTo("up");
            assertThat(row.findElement(By.cssSelector("td.state")).getText())
                    .as(up)
                    .startsWith("reachable");
        }
        assertThat(browser.findElement(By.cssSelector("#db-buildsense li[data-app='events']"))
                        .getText())
                .isEqualTo("events v2 1 pending: 3");
        assertThat(browser.findElement(By.cssSelector("#db-users li[data-app='audit']"))
                        .getText())
                .isEqualTo("audit v3 up to date");
        assertThat(browser.findElement(By.cssSelector("#db-scratch td.db")).getText())
                .isEqualTo("scratch dev-only");
        assertThat(browser.findElement(By.id("summary")).getText())
                .isEqualTo("3 of 4 databases reachable · 2 migrations pending");
        // the stylesheet is served from the jar and allowed by the page's Content-Security-Policy
        assertThat(maven.findElement(By.cssSelector("td.db")).getCssValue("border-left-color"))
                .isEqualTo("rgba(207, 34, 46, 1)");

        List<String> routes = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#routing tbody tr"))) {
            routes.add(row.getText());
        }
        assertThat(routes)
                .contains(
                        "buildsense/api workflow buildsense",
                        "maven/crawler workflow maven",
                        "maven/crawler users users",
                        "toolshed admin events buildsense",
                        "toolshed admin notes scratch");
        // the one form is the filter, sent with GET; the one script is the page's own filter
        assertThat(browser.findElements(By.cssSelector("form")))
                .extracting(f -> f.getAttribute("method"))
                .containsExactly("get");
        assertThat(browser.findElements(By.cssSelector("script")))
                .extracting(f -> f.getAttribute("src"))
                .containsExactly(admin.uri().resolve("/admin.js").toString());

        keepScreenshotCurrent();
    }

    private static void keepScreenshotCurrent() throws IOException {
        Path docs = repositoryRoot().resolve("docs");
        Path png = docs.resolve("admin.png");
        Path fingerprintFile = docs.resolve("admin.png.txt");
        String fingerprint = fingerprint();
        if (UPDATE) {
            Number height = (Number)
                    Objects.requireNonNull(browser.executeScript("return document.documentElement.scrollHeight;"));
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of(
                            "width",
                            Chromium.WIDTH,
                            "height",
                            height.intValue() + 16,
                            "deviceScaleFactor",
                            1,
                            "mobile",
                            false));
            Files.createDirectories(docs);
            Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
            Files.writeString(fingerprintFile, fingerprint, StandardCharsets.UTF_8);
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            return;
        }
        String regenerate = "; regenerate it with ./mvnw -pl routing-admin -am verify -Dit.test=AdminPageBrowserIT"
                + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dadmin.screenshot.update=true";
        assertThat(png).as("docs/admin.png is missing" + regenerate).exists();
        assertThat(fingerprintFile)
                .as("docs/admin.png.txt is missing" + regenerate)
                .exists();
        assertThat(fingerprint)
                .as("the admin page changed since docs/admin.png was taken" + regenerate)
                .isEqualTo(Files.readString(fingerprintFile, StandardCharsets.UTF_8));
    }

    /** The text the screenshot shows, with the parts that change on every run (ports, times) masked. */
    private static String fingerprint() {
        StringBuilder b = new StringBuilder();
        b.append(browser.findElement(By.tagName("h1")).getText()).append('\n');
        b.append(browser.findElement(By.id("summary")).getText()).append('\n');
        for (WebElement row : browser.findElements(By.cssSelector("table tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : row.findElements(By.cssSelector("th, td"))) {
                cells.add(cell.getText().replace('\n', ' '));
            }
            b.append(String.join(" | ", cells)).append('\n');
        }
        return b.toString().replaceAll("localhost:\\d+", "localhost:<port>").replaceAll("\\b\\d+ ms\\b", "<n> ms");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.isDirectory(dir.resolve("routing-admin")) ? dir : Objects.requireNonNull(dir.getParent());
    }
}
