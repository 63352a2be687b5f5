package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMeter as the build unpacked it under {@code perf/target/} (jmeter-maven-plugin's {@code configure} goal), run in a
 * JVM of its own per plan: non-GUI, CSV results, HTML dashboard at the end.
 */
final class JMeter {

    /**
     * One run of a plan.
     *
     * @param jtl the results file
     * @param dashboard the HTML dashboard's directory
     * @param started when JMeter was started (epoch ms)
     * @param ended when it ended
     */
    record Run(Path jtl, Path dashboard, long started, long ended) {}

    private final Path home;
    private final Path launcher;

    private JMeter(Path home, Path launcher) {
        this.home = home;
        this.launcher = launcher;
    }

    /** The JMeter home recorded in {@code perf/target/config.json} by the build. */
    static JMeter locate(Path perfHome) throws IOException {
        Path config = perfHome.resolve("target/config.json");
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no JMeter under " + perfHome.resolve("target")
                    + ": build the perf module first (./mvnw -B -q -pl perf package -DskipTests)");
        }
        JsonNode configuration =
                Json.read(Files.readString(config)).get("configurations").get(0);
        Path home = Path.of(configuration.get("jmeterDirectoryPath").asText());
        Path launcher =
                home.resolve("bin").resolve(configuration.get("runtimeJarName").asText());
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("JMeter's launcher " + launcher + " is missing: rebuild with clean");
        }
        return new JMeter(home, launcher);
    }

    Path home() {
        return home;
    }

    String version() {
        String name = launcher.getFileName().toString();
        return name.substring(name.indexOf('-') + 1, name.length() - ".jar".length());
    }

    /**
     * Runs a plan to its end and writes {@code results.jtl}, {@code jmeter.log} and {@code dashboard/} into
     * {@code outDir}. The JMeter process is watched by the sampler as the load generator while it runs.
     */
    Run run(
            Path plan,
            Path outDir,
            Map<String, String> properties,
            Path propertiesFile,
            int threads,
            Duration expected,
            ResourceSampler sampler)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path jtl = outDir.resolve("results.jtl");
        Path dashboard = outDir.resolve("dashboard");
        Files.deleteIfExists(jtl);
        List<String> command = new ArrayList<>(List.of(
                AppInstance.javaExecutable(),
                "-Xms" + heap(threads),
                "-Xmx" + heap(threads),
                // 2000 threads fit easily with small stacks
                "-Xss256k",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=100",
                "-Djava.awt.headless=true",
                "-jar",
                launcher.toString(),
                "-n",
                "-t",
                plan.toString(),
                "-l",
                jtl.toString(),
                "-j",
                outDir.resolve("jmeter.log").toString(),
                "-e",
                "-o",
                dashboard.toString(),
                "-Jjmeter.save.saveservice.output_format=csv",
                "-Jsummariser.interval=10",
                // about 300 points per graph, whatever the length of the run
                "-Jjmeter.reportgenerator.overall_granularity=" + granularity(expected)));
        if (propertiesFile != null) {
            command.add("-q");
            command.add(propertiesFile.toString());
        }
        properties.forEach((name, value) -> command.add("-J" + name + "=" + value));
        long started = System.currentTimeMillis();
        Process process = new ProcessBuilder(command)
                .directory(outDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outDir.resolve("jmeter.out").toFile())
                .start();
        sampler.watch(ResourceSampler.GENERATOR, process.pid());
        try {
            // the run itself, then time to finish requests in flight and to write the dashboard
            long limit = expected.plusMinutes(5).plus(expected.dividedBy(5)).toMillis();
            if (!process.waitFor(limit, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("JMeter did not finish " + plan.getFileName() + " within "
                        + Durations.format(Duration.ofMillis(limit)) + "; see " + outDir.resolve("jmeter.log"));
            }
        } finally {
            sampler.unwatch(ResourceSampler.GENERATOR);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(jtl)) {
            throw new IllegalStateException("JMeter failed on " + plan.getFileName() + " (exit " + process.exitValue()
                    + "):\n" + AppInstance.tail(outDir.resolve("jmeter.out"), 20));
        }
        return new Run(jtl, dashboard, started, System.currentTimeMillis());
    }

    private static String heap(int threads) {
        return threads > 1000 ? "2g" : threads > 200 ? "1g" : "512m";
    }

    private static long granularity(Duration expected) {
        return Math.max(1000, expected.toMillis() / 300 / 1000 * 1000);
    }
}
