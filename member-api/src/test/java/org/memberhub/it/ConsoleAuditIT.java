package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.ConsoleBrowser.testId;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.it.Api.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's audit pages and the member detail's staff actions in a real headless Chromium against the running
 * application: an auditor reads a member's history timeline, its state as of an earlier instant and the audit log
 * (filtered, exported as CSV); an admin records a refund and sets a manual level. Screenshots in both languages go to
 * {@code target/console-screenshots/}.
 */
@PostgresIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAuditIT {

    private static final String TOKEN = "X-Consistency-Token";
    private static final Path DOWNLOADS = Path.of("target", "console-downloads");

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    private ConsoleBrowser ui;

    @BeforeAll
    void startBrowser() {
        ui = ConsoleBrowser.start(port);
        ui.downloadsTo(DOWNLOADS);
    }

    @AfterAll
    void stopBrowser() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void theConsoleLearnsItsSignInFromTheApplication() {
        Response settings = api.anonymous().get("/console/config.json");

        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().get("mode").asText()).isEqualTo("dev");
        assertThat(settings.json().get("devTokenEndpoint").asText()).isEqualTo("/dev/token");
        assertThat(settings.json().get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(settings.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void anAuditorReadsTheTimelineTheStateAsOfAnEarlierInstantAndTheAuditLog() throws IOException {
        String name = "Audit " + marker();
        String id = api.post("/api/v1/members", member(name, mobile(), null))
                .json()
                .get("id")
                .asText();
        String path = "/api/v1/members/" + id;
        Instant registered = Instant.parse(api.as("auditor")
                .get(path + "/history")
                .json()
                .at("/items/0/timestamp")
                .asText());
        // an instant (whole seconds, as the picker takes them) after the registration and before the purchase
        Instant between = registered.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between.plusMillis(20)));
        Response purchase = api.post(path + "/purchases", "{\"orderId\":\"a-" + marker() + "\",\"amount\":600.00}");
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
        Response adjusted = api.as("staff").post(path + "/points/adjust", "{\"points\":25,\"reason\":\"goodwill\"}");
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.as("auditor")
                                .get("/api/v1/audit/log?memberId=" + id)
                                .json()
                                .get("total")
                                .asLong()
                        == 5);

        ui.open("/console/login");
        ui.setLanguageBeforeSignIn("en");
        ui.signIn("auditor");

        // the member, its history button, the timeline with who and why
        ui.open("/console/members/" + id);
        ui.waitForTestId("profile");
        assertThat(ui.all("refund")).isEmpty();
        assertThat(ui.all("set-level")).isEmpty();
        ui.click("history");
        ui.waitForTestId("timeline");
        ui.wait.until(driver -> ui.all("timeline-event").size() == 5);
        String timeline = ui.find("timeline").getText();
        assertThat(timeline)
                .contains("Registered", "Purchase", "Amount", "Points adjusted", "goodwill", "staff", "admin", "API");
        ui.wait.until(ExpectedConditions.textToBe(testId("state-level"), "2"));
        assertThat(ui.find("state-available").getText()).isEqualTo("25");
        assertThat(ui.find("state-pending").getText()).isEqualTo("600");
        ui.click("payload-1");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("timeline"), "600"));
        ui.shoot("audit-timeline");

        // the state as of an instant picked before the purchase: level 1, no points
        String typed = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(between.atZone(ZoneId.of(ConsoleBrowser.BROWSER_TIME_ZONE)));
        WebElement picker = ui.inputIn("as-of");
        picker.click();
        picker.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        picker.sendKeys(typed, Keys.ENTER);
        ui.wait.until(ExpectedConditions.urlContains("asOf="));
        ui.wait.until(ExpectedConditions.textToBe(testId("state-level"), "1"));
        assertThat(ui.find("state-available").getText()).isEqualTo("0");
        assertThat(ui.find("state-pending").getText()).isEqualTo("0");
        assertThat(ui.find("state-card").getText()).contains("State as of");
        ui.driver.findElement(By.tagName("body")).click();
        ui.shoot("audit-state-as-of");

        // the audit log, filtered by member, event type and user
        ui.click("nav-audit");
        ui.waitForTestId("audit-table");
        ui.type("filter-member", id);
        ui.type("filter-actor", "staff");
        ui.choose("filter-event-type", "event-type-PointsAdjusted");
        ui.click("audit-search");
        ui.wait.until(ExpectedConditions.urlContains("eventType=PointsAdjusted"));
        ui.wait.until(ExpectedConditions.textToBe(testId("audit-total"), "1 entry"));
        assertThat(ui.find("audit-table").getText()).contains("Points adjusted", "staff", "goodwill");
        ui.shoot("audit-log");

        // the same as CSV, downloaded with the auditor's token
        ui.click("export-csv");
        Path csv = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(id), file -> file != null);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(2);
        assertThat(text).contains("PointsAdjusted", id, "goodwill");

        // the same pages in Chinese
        ui.switchLanguage("zh-CN");
        ui.wait.until(ExpectedConditions.textToBe(testId("audit-total"), "1 条记录"));
        assertThat(ui.find("audit-table").getText()).contains("积分调整");
        ui.shoot("audit-log");
        ui.open("/console/members/" + id + "/history");
        ui.wait.until(driver -> ui.all("timeline-event").size() == 5);
        assertThat(ui.find("timeline").getText()).contains("注册", "消费", "积分调整");
        ui.wait.until(ExpectedConditions.textToBe(testId("state-level"), "2"));
        ui.shoot("audit-timeline");
        ui.open("/console/members/" + id + "/history?asOf=" + between);
        ui.wait.until(ExpectedConditions.textToBe(testId("state-level"), "1"));
        assertThat(ui.find("state-card").getText()).contains("时的状态");
        ui.shoot("audit-state-as-of");
        ui.switchLanguage("en");
        ui.click("logout");
        ui.waitForTestId("login-submit");
    }

    @Test
    void anAdminRecordsARefundAndSetsAManualLevelFromTheDetailPage() {
        String name = "Staff actions " + marker();
        String id = api.post("/api/v1/members", member(name, mobile(), null))
                .json()
                .get("id")
                .asText();
        String path = "/api/v1/members/" + id;
        String order = "o-" + marker();
        Response purchase = api.post(path + "/purchases", "{\"orderId\":\"" + order + "\",\"amount\":600.00}");
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
        // the read models show the purchase before the page reads them
        for (String read : List.of("", "/points", "/level", "/points/ledger")) {
            Response shown = api.get(path + read, TOKEN, purchase.header(TOKEN));
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        }
        assertThat(api.get(path + "/level").json().at("/level/level").asInt()).isEqualTo(2);

        ui.open("/console/login");
        ui.setLanguageBeforeSignIn("en");
        ui.signIn("admin");
        ui.open("/console/members/" + id);
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level"), "Level 2"));
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("ledger"), "Earned"));
        ui.waitForTestId("benefits");
        ui.shoot("member-detail-benefits");

        // a full refund of the order: its points are taken back
        ui.click("refund");
        ui.type("refund-order", order);
        ui.type("refund-amount", "600");
        ui.shoot("member-refund");
        ui.click("staff-dialog-submit");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("ledger"), "Reversed"));

        // a manual level 4 with a reason, no end
        ui.click("set-level");
        ui.choose("level-value", "level-option-4");
        ui.type("level-reason", "VIP complaint");
        ui.shoot("member-set-level");
        ui.click("staff-dialog-submit");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level"), "Level 4"));
        assertThat(ui.find("level").getText()).contains("Manual level 4");
        ui.shoot("member-detail-staff-actions");
        JsonNode level = api.get(path + "/level").json().get("level");
        assertThat(level.get("level").asInt()).isEqualTo(4);
        assertThat(level.at("/manual/reason").asText()).isEqualTo("VIP complaint");

        // both show in the member's history, with the admin and the reason
        ui.click("history");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("timeline"), "Level set by staff"));
        assertThat(ui.find("timeline").getText()).contains("Refund", "VIP complaint");

        ui.switchLanguage("zh-CN");
        ui.open("/console/members/" + id);
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("level"), "4"));
        ui.waitForTestId("benefits");
        ui.shoot("member-detail-staff-actions");
        ui.click("set-level");
        ui.waitForTestId("level-reason");
        ui.shoot("member-set-level");
        ui.open("/console/");
        ui.waitForTestId("logout");
        ui.switchLanguage("en");
        ui.click("logout");
        ui.waitForTestId("login-submit");
    }

    private static Path downloaded(String memberId) {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            List<Path> done = files.filter(
                            file -> file.getFileName().toString().startsWith("audit-log-" + memberId.substring(0, 8)))
                    .filter(file -> file.getFileName().toString().endsWith(".csv"))
                    .toList();
            return done.isEmpty() ? null : done.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
