package org.memberhub.perf;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the load generators themselves cost: the member-detail load (closed loop, 32 connections) against a stub that
 * answers a canned member in this JVM, once with JMeter and once with wrk. Their CPU per 1 000 requests/s tells how
 * much of the machine they take from the application at the rates issue 12 aims for.
 */
final class GeneratorCostScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(GeneratorCostScenario.class);

    static final String NAME = "generator-cost";
    private static final byte[] MEMBER = ("{\"id\":\"01a233c7-1459-726d-b019-de625612de43\",\"name\":\"张三\","
                    + "\"mobile\":\"13800138000\",\"email\":\"z@example.com\",\"gender\":\"UNDISCLOSED\","
                    + "\"birthday\":null,\"locale\":\"zh-CN\",\"address\":null,\"notes\":null,\"tags\":[\"vip\"],"
                    + "\"externalRef\":null,\"timeZone\":null,\"status\":\"ACTIVE\",\"level\":2,"
                    + "\"joinedAt\":\"2026-12-01T22:43:34.631Z\",\"updatedAt\":\"2026-12-01T22:43:34.845Z\","
                    + "\"tenureDays\":0,\"version\":3}")
            .getBytes(StandardCharsets.UTF_8);

    private final int threads;
    private final Duration duration;

    GeneratorCostScenario(int threads, Duration duration) {
        this.threads = threads;
        this.duration = duration;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsApplication() {
        return false;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        Path out = context.scenarioDir(NAME);
        Path data = out.resolve("data");
        Files.createDirectories(data);
        List<String> ids = IntStream.range(0, 1000)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        Files.write(data.resolve("readable.csv"), ids);
        Path paths = data.resolve("paths.txt");
        Files.write(paths, ids.stream().map(id -> "/api/v1/members/" + id).toList());
        Path tokens = data.resolve("tokens.properties");
        Files.writeString(tokens, "adminToken=stub\n");

        List<ScenarioResult.Step> steps = new ArrayList<>();
        try (StubServer stub = new StubServer(MEMBER)) {
            URI target = URI.create("http://127.0.0.1:" + stub.port());
            steps.add(jmeter(context, target, data, tokens, out));
            if (Wrk.available()) {
                steps.add(wrk(context, target, paths, out));
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        for (ScenarioResult.Step step : steps) {
            figures.put(step.name() + "CpuAt5000", step.figures().get("cpuAt5000"));
        }
        return new ScenarioResult(
                NAME,
                "the member-detail load against a stub in this JVM that answers a canned member: what JMeter and wrk"
                        + " cost in CPU per 1 000 requests/s (percent of one core), and so at 5 000 requests/s",
                threads + " connections, no think time, " + Durations.format(duration) + " per generator",
                "JMeter and wrk",
                null,
                null,
                figures,
                steps,
                null,
                List.of("the stub shares the machine: the rates are what the pair reached, the CPU figures are the"
                        + " generator's own"),
                null);
    }

    private ScenarioResult.Step jmeter(RunContext context, URI target, Path data, Path tokens, Path out)
            throws IOException, InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("host", target.getHost());
        properties.put("port", Integer.toString(target.getPort()));
        properties.put("threads", Integer.toString(threads));
        properties.put("rampUp", "1");
        properties.put("duration", Long.toString(duration.toSeconds()));
        properties.put("thinkMin", "0");
        properties.put("thinkMax", "0");
        properties.put("dataDir", data.toString());
        JMeter.Run run = context.jmeter()
                .run(
                        context.plan("member-detail"),
                        out.resolve("jmeter"),
                        properties,
                        tokens,
                        threads,
                        duration,
                        context.sampler());
        long from = JtlReader.firstStart(run.jtl()) + 2000;
        PlanScenario.Measured measured = PlanScenario.measure(run.jtl(), from, Long.MAX_VALUE, Set.of(), false);
        return step("jmeter", measured.http(), context.sampler().figures(from, measured.end()));
    }

    private ScenarioResult.Step wrk(RunContext context, URI target, Path paths, Path out)
            throws IOException, InterruptedException {
        long started = System.currentTimeMillis();
        Wrk.Result result = Wrk.run(
                context.options().perfHome().resolve("wrk/paths.lua"),
                Map.of("PATHS_FILE", paths.toString(), "TOKEN", "stub"),
                target,
                threads,
                duration,
                out.resolve("wrk"),
                context.sampler());
        return step("wrk", result.http(), context.sampler().figures(started, System.currentTimeMillis()));
    }

    private static ScenarioResult.Step step(String generator, HttpFigures http, ResourceFigures resources) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requestsPerSecond", http.throughput());
        if (resources.generatorCpuAvg() != null && http.throughput() > 0) {
            double per1000 = resources.generatorCpuAvg() * 1000 / http.throughput();
            figures.put("cpuPercent", resources.generatorCpuAvg());
            figures.put("cpuPer1000", per1000);
            figures.put("cpuAt5000", per1000 * 5);
        }
        log.info(
                "  {}: {} requests/s at {} % of a core ({} % per 1 000 requests/s)",
                generator,
                Math.round(http.throughput()),
                resources.generatorCpuAvg() == null ? "?" : Math.round(resources.generatorCpuAvg()),
                figures.get("cpuPer1000") == null ? "?" : Math.round(figures.get("cpuPer1000")));
        return new ScenarioResult.Step(generator, http, resources, figures);
    }
}
