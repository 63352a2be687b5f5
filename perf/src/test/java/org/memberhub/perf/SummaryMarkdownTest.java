package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryMarkdownTest {

    @TempDir
    Path dir;

    @Test
    void showsEachScenarioWithItsRatioToPgbenchItsPassLineAndTheGoals() {
        Summary summary = summary(300, 80);

        String markdown = SummaryMarkdown.render(summary, null);

        assertThat(markdown)
                .contains("| detail | 32 connections, no think time, 30 s | 300 req/s | 90 | 180 | 250 | 0 % |")
                .contains("0.020 × select-only")
                .contains("| command-throughput | commands/s | 80 /s | ≥ 2 000 | ✗ |")
                .contains("| command-throughput | 32 writers / 1 writer | 3.2 × | ≥ 3 × | ✓ |")
                .contains("| mixed | 180 ms ✓ | 950 req/s ✗ | 0.010 % ✓ | 40 % of machine ✓ | 10 % ✓ |")
                .contains("The goals are for 100 000 members; this run seeded 5 000.")
                .contains("member view cache hit rate 90 %")
                .contains("| mixed | 1000 users | 950 req/s | 90 | 180 | 250 | 0.010 % | – |")
                .contains("No earlier run");
    }

    @Test
    void aProfiledRunSaysSoAndShowsWhereEachScenariosCpuWent() throws Exception {
        Summary plain = summary(300, 80);
        Map<String, Double> threads = new LinkedHashMap<>();
        threads.put("HTTP requests", 80.0);
        threads.put("GC and VM", 0.2);
        ProfileDigest detail = new ProfileDigest(
                "detail/profile.collapsed",
                4_000,
                threads,
                Map.of("Spring Security", 25.0),
                Map.of("StrictHttpFirewall.isNormalized", 3.5));
        Summary profiled = new Summary(
                plain.format(),
                plain.run(),
                plain.started(),
                plain.ended(),
                plain.complete(),
                plain.smoke(),
                plain.note(),
                plain.loadAverage(),
                plain.machine(),
                plain.dataSet(),
                plain.seed(),
                plain.scenarios(),
                plain.goals(),
                plain.failures(),
                Map.of("detail", detail));
        profiled.write(dir.resolve("summary.json"));

        String markdown = SummaryMarkdown.render(Summary.read(dir.resolve("summary.json")), null);

        assertThat(markdown)
                .contains("**Profiled**")
                .contains("The application's CPU (4 000 samples of 10 ms; flame graph `detail/profile.html`")
                .contains("- by thread: HTTP requests 80 %\n")
                .contains("- through (a sample counts for every part its stack passes through): Spring Security 25 %")
                .contains("- hottest methods (self time): `StrictHttpFirewall.isNormalized` 3.5 %");
        assertThat(SummaryMarkdown.render(plain, null))
                .doesNotContain("Profiled")
                .doesNotContain("samples of 10 ms");
    }

    @Test
    void comparesWithTheEarlierRunThroughItsJsonTwin() throws Exception {
        summary(150, 40).write(dir.resolve("summary.json"));
        Summary before = Summary.read(dir.resolve("summary.json"));

        String markdown = SummaryMarkdown.render(summary(300, 80), before);

        assertThat(markdown)
                .contains("| detail | rate | 150 | 300 | +100 % |")
                .contains("| command-throughput | rate | 40 | 80 | +100 % |");
    }

    private static Summary summary(double detailRate, double commands) {
        ResourceFigures resources = new ResourceFigures(
                80.0, 120.0, 5.0, 2.0, 20.0, 60.0, 0.0, 50.0, 10.0, 12.0, 8.0, 20.0, 3.0, 0.5, 0.9, 30, 30);
        ScenarioResult baseline = new ScenarioResult(
                "baseline",
                "pgbench",
                "16 clients",
                "pgbench",
                null,
                null,
                Map.of(BaselineScenario.SELECT_ONLY, 15_000.0, BaselineScenario.INSERTS, 8_000.0),
                List.of(),
                null,
                List.of(),
                null);
        ScenarioResult detail = new ScenarioResult(
                "detail",
                "GET one member",
                "32 connections, no think time, 30 s",
                "wrk",
                http(detailRate, 180.0, 0),
                resources,
                Map.of(),
                List.of(),
                null,
                List.of(),
                null);
        ScenarioResult mixed = new ScenarioResult(
                "mixed",
                "the mix",
                "1000 users",
                "JMeter",
                http(950, 180.0, 0.0001),
                resources,
                Map.of(),
                List.of(),
                null,
                List.of(),
                "mixed/dashboard");
        ScenarioResult purchases = new ScenarioResult(
                CommandThroughputScenario.NAME,
                "purchases",
                "1, 8, 32, 128 writers",
                "wrk",
                http(commands, 400.0, 0),
                resources,
                Map.of("commandsPerSecond", commands, "lagSecondsAtBest", 0.5, "scaling32to1", 3.2),
                List.of(),
                null,
                List.of(),
                null);
        List<ScenarioResult> results = List.of(baseline, detail, mixed, purchases);
        Machine machine = new Machine(
                2,
                "23.5 GiB",
                "AMD EPYC",
                "6.1",
                "OpenJDK 17",
                "15.20",
                "83461db",
                "app.jar",
                "-Xmx2g",
                "JMeter 5.6.3");
        return new Summary(
                Summary.FORMAT,
                "20261202-000000",
                Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-02T00:30:00Z"),
                true,
                false,
                null,
                "0.5 → 3.1",
                machine,
                new Summary.DataSetFigures(5000, 4900, 4750, 150, 100, 2000, Map.of(1, 2000, 5, 350), 30_000L),
                null,
                results,
                Goals.evaluate(results, 2, 15_000.0, 8_000.0),
                Map.of(),
                null);
    }

    private static HttpFigures http(double rate, Double p95, double errorRate) {
        long samples = Math.round(rate * 30);
        return new HttpFigures(
                samples,
                Math.round(samples * errorRate),
                0,
                30,
                rate,
                errorRate,
                90.0,
                p95,
                250.0,
                100.0,
                900.0,
                Map.of());
    }
}
