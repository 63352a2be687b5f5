package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.ConsoleBrowser.testId;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.it.Api.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    private ConsoleBrowser ui;

    @BeforeAll
    void startBrowser() {
        ui = ConsoleBrowser.start(port);
    }

    @AfterAll
    void stopBrowser() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void anAdminRegistersFindsOpensAndEditsAMemberInBothLanguages() {
        ui.open("/");
        ui.wait.until(ExpectedConditions.urlContains("/console/login"));
        ui.setLanguageBeforeSignIn("en");
        ui.shoot("login");
        ui.signIn("admin");
        ui.shoot("home");

        // register
        ui.click("nav-members");
        ui.waitForTestId("members-table");
        ui.shoot("members");
        ui.click("new-member");
        String name = "Console " + marker();
        String mobile = mobile();
        ui.type("field-name", name);
        ui.type("field-mobile", mobile);
        ui.type("field-email", name.replace(' ', '.').toLowerCase() + "@example.com");
        ui.shoot("member-form");
        ui.click("save");
        ui.wait.until(ExpectedConditions.textToBe(testId("member-name"), name));
        ui.waitForTestId("points");
        ui.shoot("member-detail-new");

        // find it with a filter: the filter is in the URL, and the link works on its own
        ui.click("nav-members");
        ui.type("filter-q", name);
        ui.click("search");
        ui.wait.until(ExpectedConditions.urlContains("q="));
        WebElement link = ui.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name)));
        String filteredUrl = ui.driver.getCurrentUrl();
        ui.shoot("members-filtered");
        link.click();
        ui.wait.until(ExpectedConditions.textToBe(testId("member-name"), name));
        ui.driver.navigate().back();
        ui.wait.until(ExpectedConditions.urlToBe(filteredUrl));
        ui.wait
                .until(ExpectedConditions.elementToBeClickable(By.linkText(name)))
                .click();

        // edit it
        ui.click("edit");
        ui.wait.until(driver -> name.equals(ui.find("field-name").getDomProperty("value")));
        ui.type("field-name", name + " edited");
        ui.click("save");
        ui.wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " edited"));
        String id = ui.driver.getCurrentUrl().replaceAll(".*/members/", "");

        // a purchase of 600 yuan: 600 pending points, and the member reaches level 2
        ui.click("purchase");
        ui.type("purchase-order", "o-" + marker());
        ui.type("purchase-amount", "600");
        ui.click("dialog-submit");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level"), "Level 2"));
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("points"), "600"));
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("ledger"), "Earned"));
        ui.shoot("member-detail");
        ui.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//*[contains(@class,'el-tabs__item') and normalize-space()='Level history']")))
                .click();
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level-history"), "Upgraded"));

        // freeze with a reason, then unfreeze
        ui.click("freeze");
        WebElement reason =
                ui.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".el-message-box__input input")));
        reason.sendKeys("fraud check");
        ui.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector(".el-message-box__btns .el-button--primary")))
                .click();
        ui.wait.until(ExpectedConditions.textToBe(testId("status"), "Frozen"));
        // the freeze box fades out: its button must not be taken for the next box's
        ui.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-message-box")));
        ui.click("unfreeze");
        ui.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector(".el-message-box__btns .el-button--primary")))
                .click();
        ui.wait.until(ExpectedConditions.textToBe(testId("status"), "Active"));

        // a stale edit: somebody else changes the member while the form is open
        ui.click("edit");
        ui.wait.until(driver -> (name + " edited").equals(ui.find("field-name").getDomProperty("value")));
        Response member = api.get("/api/v1/members/" + id);
        Response behindItsBack = api.put(
                "/api/v1/members/" + id, member(name + " elsewhere", mobile, null), "If-Match", member.header("ETag"));
        assertThat(behindItsBack.status()).as(behindItsBack.toString()).isEqualTo(200);
        ui.type("field-name", name + " mine");
        ui.click("save");
        ui.waitForTestId("stale");
        ui.shoot("member-form-stale");
        ui.click("reload-keep");
        ui.wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("stale")));
        ui.click("save");
        ui.wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " mine"));

        // a server error, then the same in Chinese: labels and the server's message change language
        ui.open("/console/members/new");
        ui.type("field-name", "Copy of " + name);
        ui.type("field-mobile", mobile);
        ui.click("save");
        String english = ui.waitForTestId("form-error").getText();
        assertThat(ui.find("save").getText()).isEqualTo("Save");
        ui.shoot("member-form-error");
        ui.switchLanguage("zh-CN");
        ui.wait.until(ExpectedConditions.textToBe(testId("save"), "保存"));
        ui.click("save");
        ui.wait.until(driver -> {
            String text = ui.find("form-error").getText();
            return !text.equals(english) && text.matches("(?s).*[\\u4e00-\\u9fff].*");
        });
        ui.shoot("member-form-error");

        // the other pages in Chinese
        ui.shoot("member-form");
        ui.open("/console/members/" + id);
        ui.wait.until(ExpectedConditions.textToBe(testId("member-name"), name + " mine"));
        ui.waitForTestId("points");
        ui.shoot("member-detail");
        ui.open("/console/members?q=" + name.split(" ")[1]);
        ui.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name + " mine")));
        ui.shoot("members-filtered");
        ui.open("/console/members");
        ui.waitForTestId("members-table");
        ui.shoot("members");
        ui.driver.manage().window().setSize(new Dimension(390, 844));
        ui.open("/console/members");
        ui.waitForTestId("members-table");
        ui.shoot("members-phone");
        ui.driver.manage().window().setSize(new Dimension(1280, 900));
        ui.open("/console/");
        ui.shoot("home");
        ui.click("logout");
        ui.waitForTestId("login-submit");
        assertThat(ui.find("login-submit").getText()).isEqualTo("登录");
        ui.shoot("login");
        ui.switchLanguage("en");
        ui.wait.until(ExpectedConditions.textToBe(testId("login-submit"), "Sign in"));
    }

    @Test
    void rolesThatMayNotWriteMembersSeeNoWriteActions() {
        String id = api.post("/api/v1/members", member("Read only " + marker(), mobile(), null))
                .json()
                .get("id")
                .asText();
        ui.open("/console/login");
        ui.setLanguageBeforeSignIn("en");

        ui.signIn("auditor");
        ui.click("nav-members");
        ui.waitForTestId("members-table");
        assertThat(ui.all("new-member")).isEmpty();
        ui.open("/console/members/" + id);
        ui.waitForTestId("profile");
        assertThat(ui.all("edit")).isEmpty();
        assertThat(ui.all("freeze")).isEmpty();
        assertThat(ui.all("delete")).isEmpty();
        ui.click("logout");

        ui.signIn("staff");
        ui.open("/console/members/" + id);
        ui.waitForTestId("profile");
        ui.waitForTestId("edit");
        ui.waitForTestId("freeze");
        ui.waitForTestId("adjust");
        assertThat(ui.all("delete")).isEmpty();
        assertThat(ui.all("purchase")).isEmpty();
        ui.click("logout");

        ui.signIn("analyst");
        // an analyst's home is the reports
        ui.waitForTestId("home-reports");
        ui.waitForTestId("nav-reports");
        assertThat(ui.all("nothing-yet")).isEmpty();
        assertThat(ui.all("nav-members")).isEmpty();
        assertThat(ui.all("home-new-member")).isEmpty();
        ui.open("/console/members/new");
        ui.waitForTestId("denied");
        assertThat(ui.all("save")).isEmpty();
        ui.shoot("home-analyst");
        ui.click("logout");
        ui.waitForTestId("login-submit");
    }
}
