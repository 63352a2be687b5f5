package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.it.Api.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the
 * running application: sign in, register, find, open and edit a member, a stale edit, the language switch with a
 * server error message, and the roles that may not write. Screenshots of each page in both languages go to
 * {@code target/console-screenshots/} for review.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
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
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminRegistersFindsOpensAndEditsAMemberInBothLanguages() {
        open("/");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        setLanguageBeforeSignIn("en");
        shoot("login");
        signIn("admin");
        shoot("home");

        // register
        click("nav-members");
        waitForTestId("members-table");
        shoot("members");
        click("new-member");
        String name = "Console " + marker();
        String mobile = mobile();
        type("field-name", name);
        type("field-mobile", mobile);
        type("field-email", name.replace(' ', '.').toLowerCase() + "@example.com");
        shoot("member-form");
        click("save");
        wait.until(ExpectedConditions.textToBe(testId("member-name"), name));
        waitForTestId("points");
        shoot("member-detail-new");

        // find it with a filter: the filter is in the URL, and the link works on its own
        click("nav-members");
        type("filter-q", name);
        click("search");
        wait.until(ExpectedConditions.urlContains("q="));
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name)));
        String filteredUrl = browser.getCurrentUrl();
        shoot("members-filtered");
        link.click();
        wait.until(ExpectedConditions.textToBe(testId("member-name"), name));
        browser.navigate().back();
        wait.until(ExpectedConditions.urlToBe(filteredUrl));
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name))).click();

        // edit it
        click("edit");
        wait.until(driver -> name.equals(find("field-name").getDomProperty("value")));
        type("field-name", name + " edited");
        click("save");
        wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " edited"));
        String id = browser.getCurrentUrl().replaceAll(".*/members/", "");

        // a purchase of 600 yuan: 600 pending points, and the member reaches level 2
        click("purchase");
        type("purchase-order", "o-" + marker());
        type("purchase-amount", "600");
        click("dialog-submit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level"), "Level 2"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("points"), "600"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("ledger"), "Earned"));
        shoot("member-detail");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//*[contains(@class,'el-tabs__item') and normalize-space()='Level history']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level-history"), "Upgraded"));

        // freeze with a reason, then unfreeze
        click("freeze");
        WebElement reason =
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__input input")));
        reason.sendKeys("fraud check");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary")))
                .click();
        wait.until(ExpectedConditions.textToBe(testId("status"), "Frozen"));
        click("unfreeze");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__btns .el-button--primary")))
                .click();
        wait.until(ExpectedConditions.textToBe(testId("status"), "Active"));

        // a stale edit: somebody else changes the member while the form is open
        click("edit");
        wait.until(driver -> (name + " edited").equals(find("field-name").getDomProperty("value")));
        Response member = api.get("/api/v1/members/" + id);
        Response behindItsBack = api.put(
                "/api/v1/members/" + id, member(name + " elsewhere", mobile, null), "If-Match", member.header("ETag"));
        assertThat(behindItsBack.status()).as(behindItsBack.toString()).isEqualTo(200);
        type("field-name", name + " mine");
        click("save");
        waitForTestId("stale");
        shoot("member-form-stale");
        click("reload-keep");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("stale")));
        click("save");
        wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " mine"));

        // a server error, then the same in Chinese: labels and the server's message change language
        open("/console/members/new");
        type("field-name", "Copy of " + name);
        type("field-mobile", mobile);
        click("save");
        String english = waitForTestId("form-error").getText();
        assertThat(find("save").getText()).isEqualTo("Save");
        shoot("member-form-error");
        switchLanguage("zh-CN");
        wait.until(ExpectedConditions.textToBe(testId("save"), "保存"));
        click("save");
        wait.until(driver -> {
            String text = find("form-error").getText();
            return !text.equals(english) && text.matches("(?s).*[\\u4e00-\\u9fff].*");
        });
        shoot("member-form-error");

        // the other pages in Chinese
        shoot("member-form");
        open("/console/members/" + id);
        wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " mine"));
        waitForTestId("points");
        shoot("member-detail");
        open("/console/members?q=" + name.split(" ")[1]);
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name + " mine")));
        shoot("members-filtered");
        open("/console/members");
        waitForTestId("members-table");
        shoot("members");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/console/members");
        waitForTestId("members-table");
        shoot("members-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/console/");
        shoot("home");
        click("logout");
        waitForTestId("login-submit");
        assertThat(find("login-submit").getText()).isEqualTo("登录");
        shoot("login");
        switchLanguage("en");
        wait.until(ExpectedConditions.textToBe(testId("login-submit"), "Sign in"));
    }

    @Test
    void rolesThatMayNotWriteMembersSeeNoWriteActions() {
        String id = api.post("/api/v1/members", member("Read only " + marker(), mobile(), null))
                .json()
                .get("id")
                .asText();
        open("/console/login");
        setLanguageBeforeSignIn("en");

        signIn("auditor");
        click("nav-members");
        waitForTestId("members-table");
        assertThat(all("new-member")).isEmpty();
        open("/console/members/" + id);
        waitForTestId("profile");
        assertThat(all("edit")).isEmpty();
        assertThat(all("freeze")).isEmpty();
        assertThat(all("delete")).isEmpty();
        click("logout");

        signIn("staff");
        open("/console/members/" + id);
        waitForTestId("profile");
        waitForTestId("edit");
        waitForTestId("freeze");
        waitForTestId("adjust");
        assertThat(all("delete")).isEmpty();
        assertThat(all("purchase")).isEmpty();
        click("logout");

        signIn("analyst");
        waitForTestId("nothing-yet");
        assertThat(all("nav-members")).isEmpty();
        assertThat(all("home-new-member")).isEmpty();
        open("/console/members/new");
        waitForTestId("denied");
        assertThat(all("save")).isEmpty();
        shoot("home-analyst");
        click("logout");
        waitForTestId("login-submit");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void setLanguageBeforeSignIn(String language) {
        ((JavascriptExecutor) browser)
                .executeScript("localStorage.setItem('memberhub.locale', arguments[0])", language);
        browser.navigate().refresh();
        waitForTestId("login-submit");
    }

    private void signIn(String user) {
        waitForTestId("login-submit");
        type("username", user);
        type("password", user);
        click("login-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(testId("logout")));
    }

    private void switchLanguage(String language) {
        click("language");
        wait.until(driver -> {
            for (WebElement option : driver.findElements(testId("language-" + language))) {
                if (option.isDisplayed()) {
                    option.click();
                    return true;
                }
            }
            return false;
        });
    }

    private static By testId(String id) {
        return By.cssSelector("[data-test='" + id + "']");
    }

    private WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(testId(id)));
    }

    private List<WebElement> all(String id) {
        return browser.findElements(testId(id));
    }

    private WebElement waitForTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /** Clicks once nothing covers the element any more (a notice fading out, a dialog closing). */
    private void click(String id) {
        wait.until(driver -> {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(testId(id))).click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                return false;
            }
        });
    }

    private void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(testId(id)));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** The whole page, not only the window: Chromium's own capture of the content's size. */
    @SuppressWarnings("unchecked")
    private byte[] fullPage() {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = browser.executeCdpCommand(
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
                                "width", content.get("width"),
                                "height", content.get("height"),
                                "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** A screenshot named after the page and the console's language, once the page has stopped loading. */
    private void shoot(String page) {
        wait.until(driver ->
                driver.findElements(By.cssSelector(".el-loading-mask")).stream().noneMatch(WebElement::isDisplayed));
        String language = String.valueOf(
                ((JavascriptExecutor) browser).executeScript("return document.documentElement.lang || 'en'"));
        try {
            Files.write(SCREENSHOTS.resolve(page + "-" + language + ".png"), fullPage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
