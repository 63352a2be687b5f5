package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Analysts reading every stats report, closed loop with a few threads: latency per report over the seeded data (this
 * replaces the old {@code reporting_and_activities.py}; its rebuild figure is the replay scenario's reporting group).
 */
final class ReportsScenario implements Scenario {

    static final String NAME = "reports";

    private final int threads;
    private final Duration duration;

    ReportsScenario(int threads, Duration duration) {
        this.threads = threads;
        this.duration = duration;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Api.Response catalogue = context.api().get("/api/v1/stats", context.analystToken());
        if (catalogue.status() != 200) {
            throw new IllegalStateException("GET /api/v1/stats answered " + catalogue.status());
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        List<String> reports = new ArrayList<>();
        for (JsonNode report : catalogue.json()) {
            String path = report.get("json").asText();
            if (report.path("daily").asBoolean()) {
                path += "?from=" + today.minusDays(30) + "&to=" + today;
            }
            reports.add(report.get("name").asText() + "\t" + path);
        }
        Files.write(context.dataDir().resolve("reports.tsv"), reports);
        return new PlanScenario(new PlanScenario.Settings(
                        NAME,
                        "every report of GET /api/v1/stats (daily ones over the last 30 days) with an analyst token",
                        "reports",
                        threads,
                        Duration.ofSeconds(1),
                        duration,
                        0,
                        0,
                        Set.of(),
                        false,
                        true,
                        false))
                .run(context);
    }
}
