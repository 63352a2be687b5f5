package org.memberhub.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's browser tests' one headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) and the
 * steps they share: open a page, sign in with a demo user, find elements by their {@code data-test} id, click once
 * nothing covers an element, and take full-page screenshots named after the page and the language into
 * {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * The browser's own time zone, far from the application's (Asia/Shanghai), as for staff abroad: the console must
     * still count days as the application does, at every hour of the day the tests run.
     */
    static final String BROWSER_TIME_ZONE = "America/Los_Angeles";

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final int port;

    private ConsoleBrowser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.port = port;
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A new headless browser for the application on {@code port}, in English until the console is told otherwise. */
    static ConsoleBrowser start(int port) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"))
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--lang=en-US",
                        "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_TIME_ZONE))
                .build();
        return new ConsoleBrowser(new ChromeDriver(service, options), port);
    }

    @Override
    public void close() {
        driver.quit();
    }

    void open(String path) {
        driver.get("http://127.0.0.1:" + port + path);
    }

    void setLanguageBeforeSignIn(String language) {
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('memberhub.locale', arguments[0])", language);
        driver.navigate().refresh();
        waitForTestId("login-submit");
    }

    void signIn(String user) {
        waitForTestId("login-submit");
        type("username", user);
        type("password", user);
        click("login-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(testId("logout")));
    }

    void switchLanguage(String language) {
        choose("language", "language-" + language);
    }

    static By testId(String id) {
        return By.cssSelector("[data-test='" + id + "']");
    }

    WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(testId(id)));
    }

    List<WebElement> all(String id) {
        return driver.findElements(testId(id));
    }

    WebElement waitForTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /** Clicks once nothing covers the element any more (a notice fading out, a dialog closing). */
    void click(String id) {
        wait.until(driver -> {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(testId(id))).click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                return false;
            }
        });
    }

    void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(testId(id)));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** Lets the browser save downloads, without asking, into {@code directory} (created when missing). */
    void downloadsTo(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of(
                        "behavior",
                        "allow",
                        "downloadPath",
                        directory.toAbsolutePath().toString()));
    }

    /** The text input inside an Element Plus component (a date picker, a select) marked with {@code data-test}. */
    WebElement inputIn(String id) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[data-test='" + id + "'], [data-test='" + id + "'] input")));
    }

    /**
     * Picks the option marked {@code optionId} of the Element Plus select marked {@code selectId}, once the dropdown
     * has finished opening (an option still sliding in is covered by its neighbours).
     */
    void choose(String selectId, String optionId) {
        click(selectId);
        wait.until(driver -> {
            for (WebElement option : driver.findElements(testId(optionId))) {
                if (option.isDisplayed()) {
                    try {
                        option.click();
                        return true;
                    } catch (ElementClickInterceptedException covered) {
                        return false;
                    }
                }
            }
            return false;
        });
    }

    /** A screenshot named after the page and the console's language, once the page has stopped loading. */
    void shoot(String page) {
        save(page, fullPage(0));
    }

    /**
     * Like {@link #shoot}, for a narrow window: the picture is as wide as the window ({@code innerWidth}), since
     * Chromium's content size leaves out the width of a vertical scrollbar, which would cut the right edge of a page
     * taller than a phone's screen.
     */
    void shootNarrow(String page) {
        save(
                page,
                fullPage(((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth"))
                        .doubleValue()));
    }

    /** The whole page, not only the window (Chromium's own capture of the content's size), at least this wide. */
    @SuppressWarnings("unchecked")
    private byte[] fullPage(double minWidth) {
        wait.until(driver ->
                driver.findElements(By.cssSelector(".el-loading-mask")).stream().noneMatch(WebElement::isDisplayed));
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x", 0,
                                "y", 0,
                                "width", Math.max(minWidth, ((Number) content.get("width")).doubleValue()),
                                "height", content.get("height"),
                                "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    private void save(String page, byte[] png) {
        String language = String.valueOf(
                ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang || 'en'"));
        try {
            Files.write(SCREENSHOTS.resolve(page + "-" + language + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
