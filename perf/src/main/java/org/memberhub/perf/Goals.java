package org.memberhub.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's pass line (shared/SPEC.md §9) and issue 12's goals, checked against a run's figures, and each
 * scenario's figure as a ratio to the pgbench baseline of the same run.
 */
final class Goals {

    static final String PASS_LINE = "pass line";
    static final String GOAL = "issue 12";

    /** The seed's user scenarios, which the pass line applies to. */
    static final Set<String> SEED_SCENARIOS = Set.of("member-list", "member-create", "mixed", "spike", "soak");

    /** Scenarios whose throughput is compared with pgbench's select-only; the others with its inserts. */
    private static final Set<String> READS =
            Set.of("detail", "list", "member-list", "mixed", "spike", "soak", "reports");

    /**
     * One figure against its target.
     *
     * @param kind {@link #PASS_LINE} or {@link #GOAL}
     * @param scenario the scenario it comes from
     * @param figure what is measured
     * @param value the figure, null when it was not taken
     * @param unit its unit
     * @param target the target, in words
     * @param met whether it is met, null when unknown
     */
    record Check(String kind, String scenario, String figure, Double value, String unit, String target, Boolean met) {}

    private Goals() {}

    static List<Check> evaluate(List<ScenarioResult> results, int cores, Double selectOnly, Double inserts) {
        List<Check> checks = new ArrayList<>();
        for (ScenarioResult result : results) {
            if (SEED_SCENARIOS.contains(result.name()) && result.http() != null) {
                checks.addAll(passLine(result, cores));
            }
        }
        for (ScenarioResult result : results) {
            HttpFigures http = result.http();
            switch (result.name()) {
                case "detail" -> {
                    if (http != null) {
                        checks.add(atLeast(result, "requests/s", http.throughput(), "req/s", 5000));
                        checks.add(below(result, "P95", http.p95(), "ms", 20));
                        checks.add(ratio(result, ratio(result, selectOnly, inserts), "select-only", 0.2));
                    }
                }
                case "list" -> {
                    if (http != null) {
                        checks.add(atLeast(result, "requests/s", http.throughput(), "req/s", 2000));
                        checks.add(below(result, "P95", http.p95(), "ms", 50));
                    }
                }
                case CommandThroughputScenario.NAME -> {
                    checks.add(atLeast(result, "commands/s", result.figure("commandsPerSecond"), "/s", 2000));
                    checks.add(below(result, "projection lag at that rate", result.figure("lagSecondsAtBest"), "s", 1));
                    checks.add(ratio(result, ratio(result, selectOnly, inserts), "durable inserts", 0.25));
                    checks.add(new Check(
                            GOAL,
                            result.name(),
                            "32 writers / 1 writer",
                            result.figure("scaling32to1"),
                            "×",
                            "≥ 3 ×",
                            result.figure("scaling32to1") == null ? null : result.figure("scaling32to1") >= 3));
                }
                case IngestScenario.NAME -> checks.add(
                        atLeast(result, "events/s end to end", result.figure("eventsPerSecond"), "/s", 3000));
                case ReplayScenario.NAME -> checks.add(
                        atLeast(result, "events/s, slowest group", result.figure("eventsPerSecond"), "/s", 20_000));
                default -> {
                    if (SEED_SCENARIOS.contains(result.name()) && http != null) {
                        checks.add(new Check(
                                GOAL,
                                result.name(),
                                "P95 < 200 ms and errors < 0.1 %",
                                http.p95(),
                                "ms",
                                "both",
                                http.p95() != null && http.p95() < 200 && http.errorRate() < 0.001));
                    }
                }
            }
        }
        return checks;
    }

    /** The scenario's main rate divided by pgbench's select-only (reads) or durable inserts (writes). */
    static Double ratio(ScenarioResult result, Double selectOnly, Double inserts) {
        Double rate = rate(result);
        Double base = READS.contains(result.name()) ? selectOnly : inserts;
        return rate == null || base == null || base == 0 || result.name().equals(BaselineScenario.NAME)
                ? null
                : rate / base;
    }

    static String baselineOf(ScenarioResult result) {
        return READS.contains(result.name()) ? "select-only" : "inserts";
    }

    /** Requests/s, commands/s or events/s: what the scenario is about. */
    static Double rate(ScenarioResult result) {
        if (result.figure("commandsPerSecond") != null) {
            return result.figure("commandsPerSecond");
        }
        if (result.figure("eventsPerSecond") != null) {
            return result.figure("eventsPerSecond");
        }
        return result.http() == null ? null : result.http().throughput();
    }

    private static List<Check> passLine(ScenarioResult result, int cores) {
        HttpFigures http = result.http();
        ResourceFigures resources = result.resources();
        Double cpu = resources == null || resources.appCpuAvg() == null ? null : resources.appCpuAvg() / cores;
        Double heap = resources == null ? null : resources.heapOldMax();
        return List.of(
                check(
                        PASS_LINE,
                        result,
                        "P95",
                        http.p95(),
                        "ms",
                        "< 200 ms",
                        http.p95() == null ? null : http.p95() < 200),
                check(
                        PASS_LINE,
                        result,
                        "throughput",
                        http.throughput(),
                        "req/s",
                        "> 1 000 req/s",
                        http.throughput() > 1000),
                check(PASS_LINE, result, "errors", 100 * http.errorRate(), "%", "< 0.1 %", http.errorRate() < 0.001),
                check(PASS_LINE, result, "app CPU", cpu, "% of machine", "< 70 %", cpu == null ? null : cpu < 70),
                check(PASS_LINE, result, "old gen", heap, "%", "< 80 %", heap == null ? null : heap < 80));
    }

    private static Check check(
            String kind, ScenarioResult result, String figure, Double value, String unit, String target, Boolean met) {
        return new Check(kind, result.name(), figure, value, unit, target, met);
    }

    private static Check atLeast(ScenarioResult result, String figure, Double value, String unit, double goal) {
        return check(
                GOAL, result, figure, value, unit, "≥ " + Format.number(goal), value == null ? null : value >= goal);
    }

    private static Check below(ScenarioResult result, String figure, Double value, String unit, double goal) {
        return check(
                GOAL,
                result,
                figure,
                value,
                unit,
                "< " + Format.number(goal) + " " + unit,
                value == null ? null : value < goal);
    }

    private static Check ratio(ScenarioResult result, Double ratio, String baseline, double goal) {
        return check(
                GOAL,
                result,
                "ratio to pgbench " + baseline,
                ratio,
                "×",
                "≥ " + goal + " ×",
                ratio == null ? null : ratio >= goal);
    }
}
