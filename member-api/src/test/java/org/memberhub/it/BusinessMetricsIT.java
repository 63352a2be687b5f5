package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.memberhub.MemberHubApplication;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The business meters on {@code /prometheus} after a registration, a purchase and a refund, on an application of its
 * own (so that its counters start at zero) on a fresh PostgreSQL database: points earned and reversed, purchases and
 * refunds, registrations, command latency per command type, and members by status and level.
 */
class BusinessMetricsIT {

    @Test
    void purchaseAndRefundShowOnPrometheusWithTheirValues() throws Exception {
        Path data = Files.createTempDirectory("memberhub-metrics-");
        try (TestDatabase database = TestDatabase.create();
                ConfigurableApplicationContext application = new SpringApplicationBuilder(MemberHubApplication.class)
                        .profiles("postgres")
                        .run(
                                "--server.port=0",
                                "--memberhub.data-dir=" + data,
                                "--spring.datasource.url=" + database.url(),
                                "--spring.datasource.username=" + database.user(),
                                "--spring.datasource.password=" + database.password(),
                                "--memberhub.security.dev-issuer.enabled=true",
                                // the test does not wait half a minute for the member counts to be read again
                                "--memberhub.metrics.member-counts-max-age=0s")) {
            Api api = new Api(
                    Integer.parseInt(application.getEnvironment().getProperty("local.server.port")),
                    ApiClientConfig.tokens(application.getBean(DevTokenIssuer.class)));
            Api admin = api.as("admin");

            Response created = admin.post(
                    "/api/v1/members",
                    TestMembers.member("Metrics " + TestMembers.marker(), TestMembers.mobile(), null));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asText();
            Response purchase =
                    admin.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"metrics-1\",\"amount\":250.00}");
            assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
            long earned = purchase.json().at("/points/lifetimeEarned").asLong();
            assertThat(earned).isPositive();
            Response refund = admin.post(
                    "/api/v1/members/" + id + "/refunds",
                    "{\"refundId\":\"metrics-r1\",\"orderId\":\"metrics-1\",\"amount\":100.00}");
            assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
            long reversed = refund.json().at("/points/lifetimeReversed").asLong();
            assertThat(reversed).isPositive();
            // the same purchase again: a duplicate, no new event, counted by nothing but the command timer
            assertThat(admin.post(
                                    "/api/v1/members/" + id + "/purchases",
                                    "{\"orderId\":\"metrics-1\",\"amount\":250.00}")
                            .status())
                    .isEqualTo(200);

            Api monitoring = api.as("monitoring");
            String metrics = monitoring.get("/prometheus").body();
            assertThat(value(metrics, "memberhub_purchases_total", "")).isEqualTo(1);
            assertThat(value(metrics, "memberhub_refunds_total", "")).isEqualTo(1);
            assertThat(value(metrics, "memberhub_registrations_total", "")).isEqualTo(1);
            assertThat(value(metrics, "memberhub_points_total", "operation=\"earned\""))
                    .isEqualTo(earned);
            assertThat(value(metrics, "memberhub_points_total", "operation=\"reversed\""))
                    .isEqualTo(reversed);
            assertThat(value(metrics, "memberhub_points_total", "operation=\"spent\""))
                    .isZero();
            assertThat(value(metrics, "memberhub_points_total", "operation=\"expired\""))
                    .isZero();
            assertThat(value(
                            metrics,
                            "memberhub_command_handling_seconds_count",
                            "command=\"RecordPurchaseCommand\",outcome=\"success\""))
                    .isEqualTo(2);
            assertThat(value(
                            metrics,
                            "memberhub_command_handling_seconds_count",
                            "command=\"RegisterMemberCommand\",outcome=\"success\""))
                    .isEqualTo(1);
            assertThat(value(
                            metrics,
                            "memberhub_command_handling_seconds_sum",
                            "command=\"RecordPurchaseCommand\",outcome=\"success\""))
                    .isPositive();
            assertThat(metrics)
                    .as("no percentile histogram by default")
                    .doesNotContain("memberhub_command_handling_seconds_bucket");

            // the member, once projected, at its level (the purchase may have moved it up)
            int level = refund.json().at("/level/level").asInt();
            assertThat(level).isPositive();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        String now = monitoring.get("/prometheus").body();
                        assertThat(value(now, "memberhub_members", "level=\"" + level + "\",status=\"ACTIVE\""))
                                .isEqualTo(1);
                        assertThat(value(now, "memberhub_members", "level=\"1\",status=\"FROZEN\""))
                                .isZero();
                    });
        }
    }

    /** The value of the series with this name whose labels contain {@code labels} (in Prometheus's sorted order). */
    private static double value(String metrics, String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? ([-0-9.E+]+)$")
                .matcher(metrics);
        while (matcher.find()) {
            if ((matcher.group(1) == null ? "" : matcher.group(1)).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + name + " with " + labels + " in:\n" + grep(metrics, name));
    }

    private static String grep(String metrics, String name) {
        return String.join("\n", metrics.lines().filter(l -> l.contains(name)).toList());
    }
}
