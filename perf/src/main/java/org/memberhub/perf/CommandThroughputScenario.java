package org.memberhub.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purchases through the API at rising concurrency, closed loop: commands/s, P95 and the projection lag at each step,
 * then how long the read models took to catch up. Also where "32 writers ≥ 3 × 1 writer" is read.
 */
final class CommandThroughputScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(CommandThroughputScenario.class);

    static final String NAME = "command-throughput";

    private final List<Integer> writers;
    private final Duration step;

    CommandThroughputScenario(List<Integer> writers, Duration step) {
        this.writers = List.copyOf(writers);
        this.step = step;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        List<ScenarioResult.Step> steps = new ArrayList<>();
        Map<Integer, Double> commandsPerSecond = new LinkedHashMap<>();
        for (int threads : writers) {
            PlanScenario.Settings settings = new PlanScenario.Settings(
                    NAME + "/" + threads + "-writers",
                    "",
                    "purchases",
                    threads,
                    Duration.ofSeconds(1),
                    step,
                    0,
                    0,
                    Set.of("409"),
                    false,
                    false,
                    false);
            JMeter.Run run = context.jmeter()
                    .run(
                            context.plan("purchases"),
                            context.scenarioDir(NAME).resolve(threads + "-writers"),
                            PlanScenario.properties(context, settings),
                            context.tokensFile(),
                            threads,
                            step,
                            context.sampler());
            long from = JtlReader.firstStart(run.jtl()) + 1000;
            PlanScenario.Measured measured = PlanScenario.measure(run.jtl(), from, Long.MAX_VALUE, settings);
            ResourceFigures resources = context.sampler().figures(from, measured.end());
            long caughtUp = System.nanoTime();
            context.projections().awaitCaughtUp(Duration.ofMinutes(30));
            double catchUp = (System.nanoTime() - caughtUp) / 1e9;
            HttpFigures http = measured.http();
            double accepted = (http.samples() - http.errors() - http.conflicts()) / http.seconds();
            commandsPerSecond.put(threads, accepted);
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("writers", (double) threads);
            figures.put("commandsPerSecond", accepted);
            figures.put("catchUpSeconds", catchUp);
            steps.add(new ScenarioResult.Step(
                    threads + (threads == 1 ? " writer" : " writers"), http, resources, figures));
            log.info(
                    "  {} writer(s): {} commands/s, P95 {} ms, lag up to {} events, caught up {} s after",
                    threads,
                    Math.round(accepted),
                    http.p95(),
                    resources.lagEventsMax(),
                    Math.round(catchUp));
        }
        ScenarioResult.Step best = steps.stream()
                .max(Comparator.comparingDouble(s -> s.figures().get("commandsPerSecond")))
                .orElseThrow();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("commandsPerSecond", best.figures().get("commandsPerSecond"));
        figures.put("bestWriters", best.figures().get("writers"));
        if (best.resources().lagSecondsMax() != null) {
            figures.put("lagSecondsAtBest", best.resources().lagSecondsMax());
        }
        if (commandsPerSecond.containsKey(1) && commandsPerSecond.containsKey(32) && commandsPerSecond.get(1) > 0) {
            figures.put("scaling32to1", commandsPerSecond.get(32) / commandsPerSecond.get(1));
        }
        return new ScenarioResult(
                NAME,
                "POST /members/{id}/purchases, a new order each time, members in turn so that no two writers meet;"
                        + " closed loop at each concurrency",
                writers.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " writers, no think time, "
                        + Durations.format(step) + " each",
                "JMeter",
                best.http(),
                best.resources(),
                figures,
                steps,
                null,
                List.of(),
                NAME);
    }
}
