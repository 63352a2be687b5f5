package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JMeter plan run with a number of users for a while. Its figures count from the end of the ramp-up (unless the
 * ramp is the point, as in a spike); the dashboard shows everything. With drift on, it also compares the first and the
 * last part of the run (the soak).
 */
final class PlanScenario implements Scenario {

    /**
     * @param name the scenario
     * @param description what it does
     * @param plan the plan's file name without .jmx
     * @param threads users
     * @param rampUp time to start them all
     * @param duration length, ramp-up included
     * @param thinkMin shortest pause before a request, ms
     * @param thinkMax longest pause, ms
     * @param conflictCodes statuses the plan accepts as expected refusals, counted apart
     * @param measureRampUp count the ramp-up in the figures
     * @param byLabel keep figures per request label
     * @param drift compare the first and the last part of the run
     */
    record Settings(
            String name,
            String description,
            String plan,
            int threads,
            Duration rampUp,
            Duration duration,
            int thinkMin,
            int thinkMax,
            Set<String> conflictCodes,
            boolean measureRampUp,
            boolean byLabel,
            boolean drift) {}

    private final Settings settings;

    PlanScenario(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Path out = context.scenarioDir(settings.name());
        JMeter.Run run = context.jmeter()
                .run(
                        context.plan(settings.plan()),
                        out,
                        properties(context, settings),
                        context.tokensFile(),
                        settings.threads(),
                        settings.duration(),
                        context.sampler());
        long from = JtlReader.firstStart(run.jtl())
                + (settings.measureRampUp() ? 0 : settings.rampUp().toMillis());
        Measured whole = measure(run.jtl(), from, Long.MAX_VALUE, settings.conflictCodes(), settings.byLabel());
        List<ScenarioResult.Step> steps = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        if (settings.drift() && whole.http().samples() > 0) {
            drift(context, run, from, whole, settings.conflictCodes(), steps, figures);
        }
        return new ScenarioResult(
                settings.name(),
                settings.description(),
                load(settings),
                "JMeter",
                whole.http(),
                context.sampler().figures(from, whole.end()),
                figures,
                steps,
                settings.byLabel() ? whole.labels() : null,
                List.of(),
                context.runDir().relativize(run.dashboard()).toString());
    }

    static Map<String, String> properties(RunContext context, Settings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("host", context.app().base().getHost());
        properties.put("port", Integer.toString(context.app().port()));
        properties.put("threads", Integer.toString(settings.threads()));
        properties.put("rampUp", Long.toString(settings.rampUp().toSeconds()));
        properties.put("duration", Long.toString(settings.duration().toSeconds()));
        properties.put("thinkMin", Integer.toString(settings.thinkMin()));
        properties.put("thinkMax", Integer.toString(settings.thinkMax()));
        properties.put("dataDir", context.dataDir().toString());
        properties.put("runId", runId(context, settings.name()));
        return properties;
    }

    /** Unique to this run and scenario, short and plain enough for the order and refund ids the plans make up. */
    static String runId(RunContext context, String scenario) {
        String tag = scenario.replaceAll("[^A-Za-z0-9]+", "-");
        return context.runId() + "-" + tag.substring(0, Math.min(16, tag.length()));
    }

    static String load(Settings settings) {
        String think = settings.thinkMax() == 0
                ? "no think time"
                : "think " + settings.thinkMin() + "–" + settings.thinkMax() + " ms";
        return settings.threads() + (settings.thinkMax() == 0 ? " threads" : " users") + ", " + think + ", "
                + Durations.format(settings.duration()) + " (ramp-up " + Durations.format(settings.rampUp()) + ")";
    }

    /** First against last 10 minutes, or first against last third of a shorter run: P95 and heap after GC. */
    private static void drift(
            RunContext context,
            JMeter.Run run,
            long from,
            Measured whole,
            Set<String> conflictCodes,
            List<ScenarioResult.Step> steps,
            Map<String, Double> figures)
            throws IOException {
        long span = whole.end() - from;
        long window = span >= Duration.ofMinutes(30).toMillis()
                ? Duration.ofMinutes(10).toMillis()
                : span / 3;
        Measured first = measure(run.jtl(), from, from + window, conflictCodes, false);
        Measured last = measure(run.jtl(), whole.end() - window, whole.end(), conflictCodes, false);
        ResourceFigures firstResources = context.sampler().figures(from, from + window);
        ResourceFigures lastResources = context.sampler().figures(whole.end() - window, whole.end());
        String length = Durations.format(Duration.ofMillis(window));
        steps.add(new ScenarioResult.Step("first " + length, first.http(), firstResources, Map.of()));
        steps.add(new ScenarioResult.Step("last " + length, last.http(), lastResources, Map.of()));
        putDrift(figures, "p95DriftPercent", first.http().p95(), last.http().p95());
        putDrift(figures, "heapOldDriftPercent", firstResources.heapOldMax(), lastResources.heapOldMax());
        putDrift(figures, "heapUsedDriftPercent", firstResources.heapUsedMax(), lastResources.heapUsedMax());
    }

    private static void putDrift(Map<String, Double> figures, String key, Double first, Double last) {
        if (first != null && last != null && first > 0) {
            figures.put(key, 100 * (last - first) / first);
        }
    }

    record Measured(HttpFigures http, Map<String, HttpFigures> labels, long end) {}

    /** Figures of the samples that started in [from, to), by label too when asked. */
    static Measured measure(Path jtl, long from, long to, Set<String> conflictCodes, boolean byLabel)
            throws IOException {
        SampleStats all = new SampleStats(conflictCodes);
        Map<String, SampleStats> labels = new TreeMap<>();
        long[] end = {from};
        JtlReader.forEach(jtl, sample -> {
            if (sample.start() < from || sample.start() >= to) {
                return;
            }
            all.add(sample);
            end[0] = Math.max(end[0], sample.start() + sample.elapsed());
            if (byLabel) {
                labels.computeIfAbsent(sample.label(), l -> new SampleStats(conflictCodes))
                        .add(sample);
            }
        });
        double seconds = Math.max(0.001, (Math.min(end[0], to) - from) / 1000.0);
        Map<String, HttpFigures> perLabel = new LinkedHashMap<>();
        labels.forEach((label, stats) -> perLabel.put(label, stats.figures(seconds)));
        return new Measured(all.figures(seconds), perLabel, end[0]);
    }
}
