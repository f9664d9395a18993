package dev.approuting.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.approuting.core.Environment;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's pages in a real headless Chromium: the per-database page, the filter (sent as a GET
 * form, and live as you type), a table browsed over two pages with a masked column, and the refusal
 * without a token. {@code -Dadmin.screenshot.update=true} rewrites the screenshots in {@code docs/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final boolean UPDATE = Boolean.getBoolean("admin.screenshot.update");

    @RegisterExtension
    static final PostgresExtension a = PostgresExtension.embedded();

    @RegisterExtension
    static final PostgresExtension b = PostgresExtension.embedded();

    private static AdminServer admin;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), Chromium.missing());
        AdminCompany.migrate(a, b);
        ConsoleIT.seed(a);
        admin = AdminServer.configure(AdminCompany.registry())
                .credentials(ConsoleIT.credentials(a, b))
                .environment(Environment.DEVELOPMENT)
                .browseToken("oncall", ConsoleIT.TOKEN)
                .browsePageSize(5)
                .cacheFor(Duration.ZERO)
                .start();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    @Order(1)
    void theDatabasePageShowsTheServerTheHistoryAndTheLoginRoles() throws IOException {
        browser.get(admin.uri().resolve("/").toString());
        browser.findElement(By.cssSelector("#db-users td.db a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/db/users");
        assertThat(browser.getTitle()).isEqualTo("Database users · development");
        assertThat(browser.findElement(By.id("version")).getText()).matches("1[3-9]\\..*");
        assertThat(browser.findElement(By.id("services")).getText()).isEqualTo("buildsense/api, maven/crawler");
        List<WebElement> history = browser.findElements(By.cssSelector("#app-users table.history tbody tr"));
        // Flyway's schema creation, then the app's three migrations
        assertThat(history).hasSize(4);
        assertThat(history.get(0).getText()).contains("Flyway Schema Creation");
        assertThat(history.get(1).getText())
                .startsWith("1 create users items SQL")
                .contains("postgres");
        assertThat(browser.findElement(By.cssSelector("#app-ledger .fix")).getText())
                .startsWith("fix: ");
        assertThat(browser.findElement(By.id("logins")).getText())
                .contains("users_prod_0001 prod 1 0 older: waiting for retireOld(true)");
        if (UPDATE) {
            Chromium.screenshot(browser, Chromium.docs().resolve("admin-database.png"));
        }
    }

    @Test
    @Order(2)
    void theFilterWorksAsAFormAndAsYouType() throws IOException {
        browser.get(admin.uri().resolve("/").toString());
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("catalog");
        // with the script: rows hide as you type
        Chromium.await(
                browser,
                "the users row to hide",
                d -> !d.findElement(By.id("db-users")).isDisplayed());
        assertThat(browser.findElement(By.id("db-maven")).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).endsWith("/?q=catalog");
        // without it: the form goes to the server, which sends only the matching rows
        browser.findElement(By.id("q")).sendKeys(Keys.ENTER);
        Chromium.await(
                browser,
                "the filtered page from the server",
                d -> d.findElements(By.id("db-users")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#databases tbody tr")))
                .extracting(r -> r.getAttribute("data-db"))
                .containsExactly("maven");
        assertThat(browser.findElements(By.cssSelector("#routing tbody")))
                .extracting(r -> r.getAttribute("data-db"))
                .containsExactly("maven");
        if (UPDATE) {
            Chromium.screenshot(browser, Chromium.docs().resolve("admin-filter.png"));
        }
    }

    @Test
    @Order(3)
    void theBrowserRefusesWithoutTokenThenPagesThroughATableWithAMaskedColumn() throws IOException {
        browser.get(admin.uri().resolve("/browse/users/users/people").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Token required");
        assertThat(browser.findElements(By.id("rows"))).isEmpty();

        Chromium.bearer(browser, ConsoleIT.TOKEN);
        browser.get(admin.uri().resolve("/browse/users/users").toString());
        browser.findElement(By.linkText("people")).click();
        assertThat(ids()).containsExactly("1", "2", "3", "4", "5");
        WebElement masked = browser.findElement(By.cssSelector("#rows tbody tr td[data-column='password_hash']"));
        assertThat(masked.getText()).isEqualTo("••••••");
        assertThat(browser.findElement(By.cssSelector("#rows tbody tr:nth-child(2) td[data-column='name']"))
                        .getText())
                .isEqualTo("<script>alert(1)</script>");
        if (UPDATE) {
            Chromium.screenshot(browser, Chromium.docs().resolve("admin-browse.png"));
        }
        browser.findElement(By.id("next")).click();
        assertThat(ids()).containsExactly("6", "7");
        assertThat(browser.findElements(By.id("next"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("hunter");
    }

    private static List<String> ids() {
        return browser.findElements(By.cssSelector("#rows tbody td[data-column='id']")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
