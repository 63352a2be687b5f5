package org.memberhub.perf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code summary.md}: the run for people, one line per scenario, pass lines and goals, trend. */
final class SummaryMarkdown {

    /** Other processes' CPU, in % of a core, above which the run is flagged as measured on a busy machine. */
    private static final double BUSY = 25;

    /** Names for people of the figures' keys in summary.json. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("commandsPerSecond", "commands/s"),
            Map.entry("eventsPerSecond", "events/s"),
            Map.entry("bestWriters", "at writers"),
            Map.entry("lagSecondsAtBest", "projection lag there (s)"),
            Map.entry("scaling32to1", "32 writers / 1 writer"),
            Map.entry("catchUpSeconds", "caught up after (s)"),
            Map.entry(BaselineScenario.SELECT_ONLY, "select-only tps"),
            Map.entry(BaselineScenario.INSERTS, "durable insert tps"),
            Map.entry("latencyAvgMs", "latency avg (ms)"),
            Map.entry("p95DriftPercent", "P95 drift %"),
            Map.entry("heapOldDriftPercent", "old gen peak drift %"),
            Map.entry("heapUsedDriftPercent", "heap peak drift %"),
            Map.entry("consumedPerSecond", "consumed/s"),
            Map.entry("publishedPerSecond", "published/s"),
            Map.entry("deadLettered", "dead-lettered"),
            Map.entry("failedSends", "failed sends"),
            Map.entry("lagEventsMax", "projection lag max (events)"),
            Map.entry("lagSecondsMax", "projection lag max (s)"),
            Map.entry("requestsPerSecond", "requests/s"),
            Map.entry("cpuPercent", "CPU % of a core"),
            Map.entry("cpuPer1000", "CPU % of a core per 1 000 requests/s"),
            Map.entry("cpuAt5000", "so at 5 000 requests/s"),
            Map.entry("jmeterCpuAt5000", "JMeter CPU % of a core at 5 000 requests/s"),
            Map.entry("wrkCpuAt5000", "wrk CPU % of a core at 5 000 requests/s"));

    private final StringBuilder out = new StringBuilder();
    private final Summary summary;
    private final Double selectOnly;
    private final Double inserts;

    private SummaryMarkdown(Summary summary) {
        this.summary = summary;
        ScenarioResult baseline = summary.scenario(BaselineScenario.NAME).orElse(null);
        this.selectOnly = baseline == null ? null : baseline.figure(BaselineScenario.SELECT_ONLY);
        this.inserts = baseline == null ? null : baseline.figure(BaselineScenario.INSERTS);
    }

    static String render(Summary summary, Summary previous) {
        SummaryMarkdown markdown = new SummaryMarkdown(summary);
        markdown.header();
        markdown.scenarios();
        markdown.passLines();
        markdown.goals();
        markdown.details();
        markdown.trend(previous);
        return markdown.out.toString();
    }

    private void header() {
        line("# MemberHub performance run " + summary.run());
        line();
        if (summary.note() != null) {
            line("> " + summary.note());
            line();
        }
        if (!summary.complete()) {
            line("> **Incomplete:** written while the run was still going, or the run was interrupted.");
            line();
        }
        if (summary.profiles() != null) {
            line("> **Profiled** (`--profile`): async-profiler was attached to the application, one CPU sample per"
                    + " 10 ms of CPU, so the figures are a little lower than an unprofiled run's; compare them with"
                    + " profiled runs. Each profiled stretch has a flame graph, `<scenario>/profile.html`.");
            line();
        }
        Machine m = summary.machine();
        Double others = summary.scenarios().stream()
                .map(ScenarioResult::resources)
                .filter(r -> r != null && r.otherCpuAvg() != null)
                .map(ResourceFigures::otherCpuAvg)
                .max(Double::compare)
                .orElse(null);
        if (others != null && others > BUSY) {
            line("> **Busy machine:** other processes used up to " + Format.number(others) + " % of a core during"
                    + " a scenario (load average " + summary.loadAverage() + ", start → end), so they shared the"
                    + " CPU with this run; compare figures with care (\"other processes\" in each scenario's"
                    + " details).");
            line();
        }
        line("| | |");
        line("| --- | --- |");
        line("| run | " + summary.started() + " to " + summary.ended() + (summary.smoke() ? " (smoke)" : "") + " |");
        line("| machine | " + m.cores() + " cores, " + m.memory() + ", " + m.cpu() + ", Linux " + m.kernel()
                + "; load average " + summary.loadAverage() + " (start → end) |");
        line("| software | " + m.jdk() + "; PostgreSQL " + m.postgres() + "; " + m.generators() + " |");
        line("| application | commit " + m.appCommit() + ", `" + m.appJvm() + "` |");
        Summary.DataSetFigures data = summary.dataSet();
        if (data != null) {
            line("| data set | " + Format.count(data.members()) + " members ("
                    + Format.count(data.frozen()) + " frozen, " + Format.count(data.deleted())
                    + " deleted, "
                    + Format.count(data.tagged()) + " tagged; by level " + levels(data.levels()) + "), "
                    + (data.events() == null ? Format.NONE : Format.count(data.events())) + " events |");
        }
        Seeder.Result seed = summary.seed();
        if (seed != null) {
            line("| seeding | " + Format.number(seed.membersPerSecond()) + " members/s, "
                    + Format.number(seed.commandsPerSecond()) + " commands/s ("
                    + Format.count(seed.commands()) + " commands in "
                    + Durations.format(Duration.ofMillis((long) (seed.seconds() * 1000))) + ", " + seed.clients()
                    + " clients, purchases through "
                    + seed.via() + "; " + seed.failed() + " failed, " + seed.retries() + " retried); read models"
                    + " caught up " + Format.number(seed.catchUpSeconds()) + " s later |");
        }
        if (selectOnly != null) {
            line("| pgbench | select-only " + Format.number(selectOnly) + " tps, durable inserts "
                    + Format.number(inserts) + " tps |");
        }
        line();
    }

    private void scenarios() {
        line("## Scenarios");
        line();
        line("Latencies in ms. CPU in % of one core (the machine has "
                + summary.machine().cores() + "). Heap: peak"
                + " use / peak use of the old generation, in % of the maximum heap. Figures of user scenarios count"
                + " from the end of their ramp-up.");
        line();
        line("| scenario | load | throughput | P50 | P95 | P99 | errors | conflicts | app CPU avg / max | heap |"
                + " DB connections max / pool | generator CPU | vs pgbench |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (ScenarioResult result : summary.scenarios()) {
            HttpFigures http = result.http();
            ResourceFigures r = result.resources();
            Double ratio = Goals.ratio(result, selectOnly, inserts);
            line("| " + result.name() + " | " + result.load() + " | " + rate(result) + " | "
                    + (http == null ? Format.NONE : Format.number(http.p50())) + " | "
                    + (http == null ? Format.NONE : Format.number(http.p95())) + " | "
                    + (http == null ? Format.NONE : Format.number(http.p99())) + " | "
                    + (http == null ? Format.NONE : errors(http)) + " | "
                    + (http == null || http.conflicts() == 0 ? Format.NONE : Format.count(http.conflicts()))
                    + " | "
                    + (r == null ? Format.NONE : Format.number(r.appCpuAvg()) + " / " + Format.number(r.appCpuMax()))
                    + " | "
                    + (r == null ? Format.NONE : Format.number(r.heapUsedMax()) + " / " + Format.number(r.heapOldMax()))
                    + " | "
                    + (r == null
                            ? Format.NONE
                            : Format.number(r.connectionsMax()) + " / " + Format.number(r.poolSize()))
                    + " | "
                    + generatorCpu(result)
                    + " | " + (ratio == null ? Format.NONE : Format.number(ratio) + " × " + Goals.baselineOf(result))
                    + " |");
        }
        summary.failures()
                .forEach((name, why) ->
                        line("| " + name + " | **failed**: " + why.replace('|', '/') + " | | | | | | | | | | | |"));
        line();
    }

    private void passLines() {
        List<Goals.Check> checks = summary.goals().stream()
                .filter(c -> c.kind().equals(Goals.PASS_LINE))
                .toList();
        if (checks.isEmpty()) {
            return;
        }
        line("## Pass line (SPEC §9 seed targets)");
        line();
        line("| scenario | P95 < 200 ms | > 1 000 req/s | errors < 0.1 % | app CPU < 70 % of machine |"
                + " heap (old gen) < 80 % |");
        line("| --- | --- | --- | --- | --- | --- |");
        Map<String, List<Goals.Check>> byScenario = checks.stream()
                .collect(Collectors.groupingBy(
                        Goals.Check::scenario, java.util.LinkedHashMap::new, Collectors.toList()));
        byScenario.forEach((scenario, list) -> line("| " + scenario + " | "
                + list.stream()
                        .map(c -> Format.number(c.value()) + " " + c.unit() + Format.verdict(c.met()))
                        .collect(Collectors.joining(" | "))
                + " |"));
        line();
        line("With 500–1500 ms of think time a user sends at most about one request a second, so 1 000 users"
                + " cannot pass 1 000 requests/s; the throughput line is for the spike or a shorter `--think`.");
        line();
    }

    private void goals() {
        List<Goals.Check> checks = summary.goals().stream()
                .filter(c -> c.kind().equals(Goals.GOAL))
                .toList();
        if (checks.isEmpty()) {
            return;
        }
        line("## Issue 12 goals");
        line();
        if (summary.dataSet() != null && summary.dataSet().members() < 100_000) {
            line("The goals are for 100 000 members; this run seeded "
                    + Format.count(summary.dataSet().members()) + ".");
            line();
        }
        line("| scenario | figure | measured | goal | |");
        line("| --- | --- | --- | --- | --- |");
        for (Goals.Check check : checks) {
            line("| " + check.scenario() + " | " + check.figure() + " | " + Format.number(check.value()) + " "
                    + check.unit() + " | " + check.target() + " |" + Format.verdict(check.met()) + " |");
        }
        line();
    }

    private void details() {
        if (profileOf("seeding") != null) {
            line("### seeding");
            line();
            profile(profileOf("seeding"));
        }
        for (ScenarioResult result : summary.scenarios()) {
            boolean hasSteps = result.steps() != null && !result.steps().isEmpty();
            boolean hasLabels = result.labels() != null && !result.labels().isEmpty();
            boolean hasFigures = result.figures() != null && !result.figures().isEmpty();
            line("### " + result.name());
            line();
            String description = result.description().endsWith(".") ? result.description() : result.description() + ".";
            line(description + (result.dashboard() == null ? "" : " Dashboard: `" + result.dashboard() + "/`."));
            line();
            if (hasFigures) {
                line(result.figures().entrySet().stream()
                                .map(e -> label(e.getKey()) + " " + Format.number(e.getValue()))
                                .collect(Collectors.joining(", "))
                        + ".");
                line();
            }
            if (hasSteps) {
                line("| step | throughput | P50 | P95 | P99 | errors | app CPU avg | PostgreSQL CPU | heap | projection"
                        + " lag max (events / s) | figures |");
                line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                for (ScenarioResult.Step step : result.steps()) {
                    HttpFigures http = step.http();
                    ResourceFigures r = step.resources();
                    line("| " + step.name() + " | "
                            + (http == null ? Format.NONE : Format.number(http.throughput()) + "/s")
                            + " | " + (http == null ? Format.NONE : Format.number(http.p50()))
                            + " | " + (http == null ? Format.NONE : Format.number(http.p95()))
                            + " | " + (http == null ? Format.NONE : Format.number(http.p99()))
                            + " | " + (http == null ? Format.NONE : errors(http))
                            + " | " + (r == null ? Format.NONE : Format.number(r.appCpuAvg()))
                            + " | " + (r == null ? Format.NONE : Format.number(r.postgresCpuAvg()))
                            + " | "
                            + (r == null
                                    ? Format.NONE
                                    : Format.number(r.heapUsedMax()) + " / " + Format.number(r.heapOldMax()))
                            + " | "
                            + (r == null
                                    ? Format.NONE
                                    : Format.number(r.lagEventsMax()) + " / " + Format.number(r.lagSecondsMax()))
                            + " | "
                            + (step.figures() == null
                                    ? ""
                                    : step.figures().entrySet().stream()
                                            .map(e -> label(e.getKey()) + " " + Format.number(e.getValue()))
                                            .collect(Collectors.joining(", ")))
                            + " |");
                }
                line();
            }
            if (hasLabels) {
                line("| request | count | throughput | P50 | P95 | P99 | errors | conflicts |");
                line("| --- | --- | --- | --- | --- | --- | --- | --- |");
                result.labels()
                        .forEach((label, http) -> line("| " + label + " | " + Format.count(http.samples())
                                + " | " + Format.number(http.throughput()) + "/s | " + Format.number(http.p50()) + " | "
                                + Format.number(http.p95()) + " | " + Format.number(http.p99()) + " | " + errors(http)
                                + " | "
                                + http.conflicts() + " |"));
                line();
            }
            ResourceFigures r = result.resources();
            if (r != null && r.samples() > 1) {
                line("Machine meanwhile: app " + Format.number(r.appCpuAvg()) + " %, PostgreSQL "
                        + Format.number(r.postgresCpuAvg()) + " %, load generator " + Format.number(r.generatorCpuAvg())
                        + " %, suite JVM " + Format.number(r.suiteCpuAvg()) + " % of a core; machine "
                        + Format.number(r.machineCpuAvg()) + " % busy, of which other processes "
                        + Format.number(r.otherCpuAvg()) + " % of a core; DB connections avg "
                        + Format.number(r.connectionsAvg()) + "; projection lag up to "
                        + Format.number(r.lagEventsMax())
                        + " events / " + Format.number(r.lagSecondsMax()) + " s"
                        + (r.viewCacheHitRate() == null
                                ? ""
                                : "; member view cache hit rate " + Format.number(100 * r.viewCacheHitRate()) + " %")
                        + ".");
                line();
            }
            for (String note : result.notes()) {
                line("Note: " + note);
                line();
            }
            if (profileOf(result.name()) != null) {
                profile(profileOf(result.name()));
            }
        }
    }

    private ProfileDigest profileOf(String name) {
        return summary.profiles() == null ? null : summary.profiles().get(name);
    }

    /** Where the application's CPU went: kinds of thread, parts of the stack passed through, hottest methods. */
    private void profile(ProfileDigest digest) {
        String dir = digest.file().contains("/")
                ? digest.file().substring(0, digest.file().lastIndexOf('/'))
                : ".";
        line("The application's CPU (" + Format.count(digest.samples()) + " samples of 10 ms; flame graph `" + dir
                + "/profile.html`, stacks `" + digest.file() + "`):");
        line();
        line("- by thread: " + shares(digest.threads(), 0.5));
        line("- through (a sample counts for every part its stack passes through): " + shares(digest.through(), 1));
        line("- hottest methods (self time): " + shares(digest.hottest(), 0).replace("|", "/"));
        line();
    }

    private static String shares(Map<String, Double> shares, double atLeast) {
        String listed = shares.entrySet().stream()
                .filter(e -> e.getValue() >= atLeast)
                .map(e -> (e.getKey().contains("$") || e.getKey().contains(".") ? "`" + e.getKey() + "`" : e.getKey())
                        + " " + Format.number(e.getValue()) + " %")
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? Format.NONE : listed;
    }

    private void trend(Summary previous) {
        line("## Trend");
        line();
        if (previous == null) {
            line("No earlier run in the results directory ran any of these scenarios.");
            line();
            return;
        }
        line("Against " + previous.run() + " (commit " + previous.machine().appCommit() + ", "
                + (previous.dataSet() == null
                        ? "no data set"
                        : Format.count(previous.dataSet().members()) + " members")
                + "):");
        line();
        line("| scenario | figure | before | now | change |");
        line("| --- | --- | --- | --- | --- |");
        for (Trend.Row row : Trend.compare(previous, summary)) {
            line("| " + row.scenario() + " | " + row.figure() + " | " + Format.number(row.before()) + " | "
                    + Format.number(row.now()) + " | "
                    + (row.changePercent() == null
                            ? Format.NONE
                            : (row.changePercent() >= 0 ? "+" : "") + Format.number(row.changePercent()) + " %")
                    + " |");
        }
        line();
    }

    private static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }

    private static String rate(ScenarioResult result) {
        if (result.figure("commandsPerSecond") != null) {
            return Format.number(result.figure("commandsPerSecond")) + " commands/s";
        }
        if (result.figure("eventsPerSecond") != null) {
            return Format.number(result.figure("eventsPerSecond")) + " events/s";
        }
        if (result.figure(BaselineScenario.SELECT_ONLY) != null) {
            return Format.number(result.figure(BaselineScenario.SELECT_ONLY)) + " / "
                    + Format.number(result.figure(BaselineScenario.INSERTS)) + " tps";
        }
        return result.http() == null ? Format.NONE : Format.number(result.http().throughput()) + " req/s";
    }

    /** The generator's own process, or this JVM when the load came from here (the Kafka producer). */
    private static String generatorCpu(ScenarioResult result) {
        ResourceFigures r = result.resources();
        Double cpu = r == null ? null : r.generatorCpuAvg();
        if (cpu == null && r != null && result.generator().contains("suite JVM")) {
            cpu = r.suiteCpuAvg();
        }
        return Format.number(cpu) + " (" + result.generator() + ")";
    }

    private static String errors(HttpFigures http) {
        String rate = Format.number(100 * http.errorRate()) + " %";
        if (http.errors() == 0 || http.errorCodes().isEmpty()) {
            return rate;
        }
        return rate + " ("
                + http.errorCodes().entrySet().stream()
                        .limit(3)
                        .map(e -> e.getKey() + " × " + e.getValue())
                        .collect(Collectors.joining(", "))
                        .replace('|', '/')
                + ")";
    }

    private static String levels(Map<Integer, Integer> levels) {
        return levels.entrySet().stream()
                .map(e -> "L" + e.getKey() + " " + Format.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
