package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * wrk, when it is on the PATH (Debian package {@code wrk}): a load generator that costs far less CPU per request than
 * JMeter, for the closed-loop scenarios. It reports latency percentiles and counts, not single samples; its scripts
 * are in {@code perf/wrk/}.
 */
final class Wrk {

    /** What wrk measured over the whole run, latencies in ms. */
    record Result(
            long requests,
            long errors,
            long conflicts,
            double seconds,
            Double p50,
            Double p95,
            Double p99,
            Double mean,
            Double max) {

        HttpFigures http() {
            return new HttpFigures(
                    requests,
                    errors,
                    conflicts,
                    seconds,
                    requests / seconds,
                    requests == 0 ? 0 : (double) errors / requests,
                    p50,
                    p95,
                    p99,
                    mean,
                    max,
                    errors == 0 ? Map.of() : Map.of("unexpected status or socket error", errors));
        }
    }

    private Wrk() {}

    static boolean available() {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
    }

    /** Runs a script with the given environment; {@code connections} also bounds wrk's threads (at most two). */
    static Result run(
            Path script,
            Map<String, String> environment,
            URI target,
            int connections,
            Duration duration,
            Path out,
            ResourceSampler sampler)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path log = out.resolve("wrk.out");
        int threads = Math.min(2, connections);
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t",
                        Integer.toString(threads),
                        "-c",
                        Integer.toString(connections),
                        "-d",
                        duration.toSeconds() + "s",
                        "--timeout",
                        "30s",
                        "-s",
                        script.toString(),
                        target.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("WRK_THREADS", Integer.toString(threads));
        Process process = builder.start();
        sampler.watch(ResourceSampler.GENERATOR, process.pid());
        try {
            if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish; see " + log);
            }
        } finally {
            sampler.unwatch(ResourceSampler.GENERATOR);
        }
        String output = Files.readString(log);
        String line = output.lines()
                .filter(l -> l.startsWith("WRK_RESULT "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + output));
        JsonNode result = Json.read(line.substring("WRK_RESULT ".length()));
        long conflicts = result.path("conflicts").asLong(0);
        long socketErrors = result.get("connectErrors").asLong()
                + result.get("readErrors").asLong()
                + result.get("writeErrors").asLong()
                + result.get("timeouts").asLong();
        long errors = socketErrors + result.get("statusErrors").asLong() - conflicts;
        return new Result(
                result.get("requests").asLong(),
                errors,
                conflicts,
                result.get("durationMicros").asDouble() / 1e6,
                result.get("p50").asDouble(),
                result.get("p95").asDouble(),
                result.get("p99").asDouble(),
                result.get("mean").asDouble(),
                result.get("max").asDouble());
    }
}
