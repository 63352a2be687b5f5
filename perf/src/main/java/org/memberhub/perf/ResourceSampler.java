package org.memberhub.perf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, once a second while the suite runs: CPU of the application, of the load generator, of this JVM, of
 * PostgreSQL and of the machine (from /proc), and from the application's Prometheus endpoint its heap, database
 * connections in use and projection lag. Scenarios ask for the figures of their own time window.
 */
final class ResourceSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);

    static final String APP = "app";
    static final String GENERATOR = "generator";
    static final String SUITE = "suite";

    /** One reading. CPU values are cumulative seconds; the rest as read (null when not available). */
    record Sample(
            long at,
            Map<String, ProcessCpu> processes,
            Map<Long, Double> postgres,
            double machineBusy,
            double machineTotal,
            Double heapUsed,
            Double heapMax,
            Double heapOld,
            Double connectionsActive,
            Double connectionsMax,
            Double lagEvents,
            Double lagSeconds) {}

    record ProcessCpu(long pid, double seconds) {}

    private final Supplier<String> prometheus;
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resource-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param prometheus the application's Prometheus text, or null when it cannot be read now */
    ResourceSampler(Supplier<String> prometheus) {
        this.prometheus = prometheus;
        watch(SUITE, ProcessHandle.current().pid());
    }

    void start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    void watch(String role, long pid) {
        watched.put(role, pid);
    }

    void unwatch(String role) {
        watched.remove(role);
    }

    /** The figures of the window from {@code from} to {@code to} (epoch ms). */
    ResourceFigures figures(long from, long to) {
        List<Sample> window;
        synchronized (samples) {
            window = samples.stream()
                    .filter(s -> s.at() >= from - 1000 && s.at() <= to + 1000)
                    .toList();
        }
        return ResourceFigures.of(window);
    }

    private void sampleQuietly() {
        try {
            Sample sample = sample();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (RuntimeException e) {
            log.debug("sample failed", e);
        }
    }

    private Sample sample() {
        long at = System.currentTimeMillis();
        Map<String, ProcessCpu> processes = new HashMap<>();
        watched.forEach((role, pid) -> {
            OptionalDouble seconds = ProcStat.cpuSeconds(pid);
            if (seconds.isPresent()) {
                processes.put(role, new ProcessCpu(pid, seconds.getAsDouble()));
            }
        });
        Map<Long, Double> postgres = ProcStat.postgresCpuSeconds();
        double[] machine = ProcStat.machineSeconds();
        String text = watched.containsKey(APP) ? prometheus.get() : null;
        Prometheus metrics = text == null ? null : Prometheus.parse(text);
        return new Sample(
                at,
                processes,
                postgres,
                machine[0],
                machine[1],
                metrics == null ? null : metrics.sum("jvm_memory_used_bytes", "area=\"heap\""),
                metrics == null ? null : metrics.sum("jvm_memory_max_bytes", "area=\"heap\""),
                metrics == null ? null : metrics.sum("jvm_memory_used_bytes", "Old Gen"),
                metrics == null ? null : metrics.sum("hikaricp_connections_active", ""),
                metrics == null ? null : metrics.sum("hikaricp_connections_max", ""),
                metrics == null ? null : metrics.max("memberhub_projection_lag_events"),
                metrics == null ? null : metrics.max("memberhub_projection_lag_seconds"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
