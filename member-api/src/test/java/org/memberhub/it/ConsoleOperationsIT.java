package org.memberhub.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.ConsoleBrowser.testId;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberhub.it.Api.Response;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's reports and operations pages in a real headless Chromium against the running application: an analyst
 * reads every report as a chart and a table, changes the days (the URL follows) and downloads the CSV; an admin reads
 * the projections, replays one and follows its progress to the end, starts a sync run against an external system
 * played by WireMock and reads its decisions, and adds a benefit to the catalogue after the server refused a code that
 * is taken. Screenshots in both languages, and at phone width, go to {@code target/console-screenshots/}.
 */
@PostgresIT
@DirtiesContext
@TestPropertySource(properties = {"memberhub.projection.coordination-interval=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOperationsIT {

    private static final WireMockServer EXTERNAL = new WireMockServer(options().dynamicPort());

    static {
        EXTERNAL.start();
    }

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        registry.add("memberhub.sync.external.base-url", () -> "http://127.0.0.1:" + EXTERNAL.port() + "/crm");
        registry.add("memberhub.sync.interval", () -> "0s");
    }

    private static final List<String> REPORTS = List.of(
            "members-by-level-and-status",
            "new-members-per-day",
            "tenure-distribution",
            "points-per-day",
            "points-liability",
            "points-expiring",
            "benefit-usage",
            "activity-participation",
            "level-movements-per-day");

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    Clock clock;

    private ConsoleBrowser ui;

    @BeforeAll
    void startBrowserAndRecordSomeActivity() {
        ui = ConsoleBrowser.start(port);
        // figures for every report: members, a purchase that moves a level, points bought a benefit, an activity
        String id = api.post("/api/v1/members", member("Reported " + marker(), mobile(), null))
                .json()
                .get("id")
                .asText();
        api.post("/api/v1/members", member("Reported too " + marker(), mobile(), null));
        assertThat(api.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"rep-1\",\"amount\":600.00}")
                        .status())
                .isBetween(200, 299);
        assertThat(api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":800,\"reason\":\"welcome\"}")
                        .status())
                .isBetween(200, 299);
        Response bought =
                api.post("/api/v1/members/" + id + "/benefits/free-shipping/buy", "{\"purchaseId\":\"rep-buy-1\"}");
        assertThat(bought.status()).as(bought.toString()).isBetween(200, 299);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Response activity = api.post(
                "/api/v1/activities",
                "{\"name\":\"Winter fair\",\"startsAt\":\"" + now.minus(Duration.ofDays(1)) + "\",\"endsAt\":\""
                        + now.plus(Duration.ofDays(30)) + "\",\"levels\":[],\"capacity\":50,\"rewardPoints\":20}");
        assertThat(activity.status()).as(activity.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/stats/benefit-usage")
                                        .json()
                                        .get("rows")
                                        .size()
                                > 0
                        && api.get("/api/v1/stats/level-movements-per-day")
                                        .json()
                                        .get("rows")
                                        .size()
                                > 0
                        && api.get("/api/v1/stats/new-members-per-day")
                                        .json()
                                        .get("rows")
                                        .size()
                                > 0
                        && api.get("/api/v1/stats/activity-participation")
                                        .json()
                                        .get("rows")
                                        .size()
                                > 0);

        // the external member system: two records
        Instant updated = now.minus(Duration.ofHours(1));
        EXTERNAL.stubFor(get(urlPathEqualTo("/crm/members"))
                .willReturn(okJson("{\"items\":[" + external("CRM-OPS-1", "External One", updated) + ","
                        + external("CRM-OPS-2", "External Two", updated.plusSeconds(1)) + "],\"hasMore\":false}")));
    }

    private static String external(String externalId, String name, Instant updatedAt) {
        return "{\"externalId\":\"" + externalId + "\",\"name\":\"" + name + "\",\"mobile\":\"" + mobile()
                + "\",\"email\":null,\"gender\":\"FEMALE\",\"birthday\":null,\"address\":null,\"tags\":[\"crm\"],"
                + "\"updatedAt\":\"" + updatedAt + "\",\"deleted\":false}";
    }

    @AfterAll
    void stopBrowser() {
        if (ui != null) {
            ui.close();
        }
        EXTERNAL.stop();
    }

    @Test
    void anAnalystReadsEveryReportAsChartAndTableChoosesTheDaysAndDownloadsTheCsv() throws IOException {
        ui.open("/console/login");
        ui.setLanguageBeforeSignIn("en");
        ui.signIn("analyst");
        ui.waitForTestId("home-reports");
        ui.waitForTestId("nav-reports");
        assertThat(ui.all("nav-members")).isEmpty();
        assertThat(ui.all("nav-projections")).isEmpty();
        ui.shoot("home-analyst-reports");

        ui.click("home-report-" + REPORTS.get(0));
        for (String report : REPORTS) {
            ui.click("report-link-" + report);
            ui.wait.until(ExpectedConditions.urlContains("report=" + report));
            ui.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test='report-table'][data-report='" + report + "']")));
            ui.waitForTestId("report-chart");
            assertThat(ui.find("report-chart").findElements(By.tagName("canvas")))
                    .as("the chart of " + report)
                    .isNotEmpty();
        }
        ui.click("report-link-members-by-level-and-status");
        ui.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test='report-table'][data-report='members-by-level-and-status']")));
        ui.shoot("report-members");

        // the days of a daily report are in the URL: the last 7 days, then back
        ui.click("report-link-points-per-day");
        ui.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test='report-table'][data-report='points-per-day']")));
        String thirtyDays = ui.driver.getCurrentUrl();
        ui.click("range-7");
        LocalDate today = LocalDate.now(clock);
        String from = today.minusDays(6).toString();
        ui.wait.until(ExpectedConditions.urlContains("from=" + from));
        assertThat(ui.driver.getCurrentUrl()).contains("to=" + today);
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("report-as-of"), "–"));
        ui.waitForTestId("report-table");
        ui.shoot("reports");
        ui.driver.navigate().back();
        ui.wait.until(ExpectedConditions.urlToBe(thirtyDays));
        ui.driver.navigate().forward();
        ui.wait.until(ExpectedConditions.urlContains("from=" + from));
        ui.waitForTestId("report-table");

        // the CSV of those days, as the server builds it
        Path downloads = ConsoleBrowser.SCREENSHOTS.resolveSibling("console-downloads");
        ui.downloadsTo(downloads);
        Path file = downloads.resolve("points-per-day_" + from + "_" + today + ".csv");
        Files.deleteIfExists(file);
        ui.click("report-csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 0);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("day,kind,reason,points,entries");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("ISSUED,PURCHASE,600"));

        // the same in Chinese, then at phone width with the menu open
        ui.switchLanguage("zh-CN");
        ui.wait.until(ExpectedConditions.textToBe(testId("report-title"), "每日积分"));
        ui.shoot("reports");
        ui.open("/console/");
        ui.waitForTestId("home-reports");
        ui.shoot("home-analyst-reports");
        ui.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            ui.open("/console/reports?report=activity-participation");
            ui.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test='report-table'][data-report='activity-participation']")));
            ui.waitForTestId("report-chart");
            assertThat(ui.find("nav-reports").isDisplayed())
                    .as("the menu is collapsed")
                    .isFalse();
            ui.shootNarrow("reports-phone");
            ui.click("nav-toggle");
            ui.waitForTestId("nav-benefits");
            ui.shootNarrow("menu-phone");
            ui.click("nav-benefits");
            ui.waitForTestId("benefits-table");
            ui.shootNarrow("benefits-phone");
            ui.open("/console/reports?report=points-per-day");
            ui.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test='report-table'][data-report='points-per-day']")));
            ui.waitForTestId("range-7");
            ui.shootNarrow("report-daily-phone");
        } finally {
            ui.driver.manage().window().setSize(new Dimension(1280, 900));
        }
        ui.switchLanguage("en");
        ui.click("logout");
        ui.waitForTestId("login-submit");
    }

    @Test
    void anAdminFollowsAReplayStartsASyncRunAndAddsABenefit() {
        ui.open("/console/login");
        ui.setLanguageBeforeSignIn("en");
        ui.signIn("admin");

        // projections: every group with its lag, then a replay of a small one followed to the end
        ui.click("nav-projections");
        ui.waitForTestId("projections-table");
        for (String group : List.of("activities", "audit", "benefits", "levels", "members", "points", "reporting")) {
            ui.waitForTestId("projection-" + group);
        }
        ui.waitForTestId("poisoned-empty");
        ui.shoot("projections");
        ui.click("replay-benefits");
        ui.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector(".el-message-box__btns .el-button--primary")))
                .click();
        ui.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-test='replay-progress-benefits'][data-phase='done']")));
        assertThat(ui.find("replay-phase-benefits").getText()).isEqualTo("done");
        assertThat(ui.find("replay-progress-benefits").getDomAttribute("aria-valuenow"))
                .isEqualTo("100");
        JsonNode benefits = api.get("/api/v1/admin/projections/benefits").json();
        assertThat(benefits.at("/replay/progress").asDouble()).isEqualTo(1.0);
        assertThat(benefits.at("/replay/requestedBy").asText()).isEqualTo("admin");
        ui.shoot("projections-replayed");
        ui.click("parked-points");
        ui.waitForTestId("dead-letters-empty");

        // sync: configured, a full run started by hand, its decisions
        ui.click("nav-sync");
        ui.waitForTestId("sync-configured");
        ui.waitForTestId("sync-runs-empty");
        ui.shoot("sync-idle");
        ui.click("sync-mode-FULL");
        ui.click("sync-start");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("sync-last-run"), "Succeeded"));
        String run = api.get("/api/v1/sync/runs").json().at("/items/0/id").asText();
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-run-status-" + run), "Succeeded"));
        ui.shoot("sync");
        ui.click("sync-run-" + run);
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-count-created"), "2"));
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-run-detail-status"), "Succeeded"));
        // record by record: both external records registered, as the API stored them
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-decision-outcome-CRM-OPS-1"), "Registered"));
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-decision-outcome-CRM-OPS-2"), "Registered"));
        assertThat(api.get("/api/v1/sync/runs/" + run + "/decisions")
                        .json()
                        .get("items")
                        .findValuesAsText("externalId"))
                .containsExactly("CRM-OPS-1", "CRM-OPS-2");
        ui.shoot("sync-run");
        ui.driver.findElement(By.cssSelector(".el-drawer__close-btn")).click();

        // the catalogue: a code that is taken is refused at its field, then the benefit is added
        ui.click("nav-benefits");
        ui.waitForTestId("benefit-free-shipping");
        ui.click("new-benefit");
        ui.type("benefit-id", "free-shipping");
        ui.type("benefit-nameZh", "控制台礼品");
        ui.type("benefit-nameEn", "Console gift");
        ui.click("benefit-level-4");
        ui.click("benefit-save");
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//*[@data-test='benefit-id']/ancestor::*[contains(@class,'el-form-item')][1]"
                        + "//*[contains(@class,'el-form-item__error')]"),
                "free-shipping"));
        ui.waitForTestId("benefit-error");
        ui.shoot("benefit-form-error");
        String code = "console-gift-" + marker().toLowerCase().replaceAll("[^a-z0-9]", "");
        ui.type("benefit-id", code);
        ui.click("benefit-save");
        ui.waitForTestId("benefit-" + code);
        // the catalogue's read model follows the write a moment later
        Response created = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/benefits/" + code), response -> response.status() == 200);
        assertThat(created.json().at("/terms/levels").toString()).isEqualTo("[4]");
        ui.shoot("benefits");

        ui.click("nav-activities");
        ui.waitForTestId("activity-Winter fair");
        ui.shoot("activities");

        // the same pages in Chinese
        ui.switchLanguage("zh-CN");
        ui.wait.until(ExpectedConditions.textToBe(testId("nav-projections"), "投影"));
        ui.shoot("activities");
        ui.click("nav-benefits");
        ui.waitForTestId("benefit-" + code);
        ui.shoot("benefits");
        ui.click("nav-sync");
        ui.wait.until(ExpectedConditions.textToBe(testId("sync-run-status-" + run), "成功"));
        ui.shoot("sync");
        ui.click("nav-projections");
        ui.wait.until(ExpectedConditions.textToBe(testId("replay-phase-benefits"), "已完成"));
        ui.shoot("projections");
        ui.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            ui.open("/console/operations/sync");
            ui.waitForTestId("sync-runs-table");
            ui.shootNarrow("sync-phone");
        } finally {
            ui.driver.manage().window().setSize(new Dimension(1280, 900));
        }
        ui.switchLanguage("en");
        ui.click("logout");
        ui.waitForTestId("login-submit");
    }
}
