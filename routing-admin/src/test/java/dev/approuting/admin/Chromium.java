package dev.approuting.admin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for page tests, started without any network access of Selenium's own. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 1200;

    /** Selenium logs through java.util.logging; kept here so the level set below is not collected. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static String missing() {
        return "skipping the browser test: " + BINARY + " or " + DRIVER + " is missing; install them with"
                + " 'apt-get install -y --no-install-recommends chromium chromium-driver' (.ci/run does)";
    }

    static ChromeDriver start() {
        System.setProperty("SE_OFFLINE", "true");
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                "--window-size=" + WIDTH + ",900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Sends {@code Authorization: Bearer <token>} with every request from now on (CDP). */
    static void bearer(ChromeDriver browser, String token) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + token)));
    }

    /**
     * Waits until {@code condition} holds, polling every 50 ms; fails after 10 s (the page's own work is
     * milliseconds) with the page's URL and text.
     */
    static void await(ChromeDriver browser, String what, Predicate<ChromeDriver> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(browser)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what + "; the page at " + browser.getCurrentUrl()
                        + " shows: " + browser.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Writes a PNG of the whole page to {@code png}. */
    static void screenshot(ChromeDriver browser, Path png) throws IOException {
        Number height =
                (Number) Objects.requireNonNull(browser.executeScript("return document.documentElement.scrollHeight;"));
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", height.intValue() + 16, "deviceScaleFactor", 1, "mobile", false));
        Files.createDirectories(png.getParent());
        Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(dir.resolve("routing-admin")) ? dir : Objects.requireNonNull(dir.getParent());
        return root.resolve("docs");
    }
}
