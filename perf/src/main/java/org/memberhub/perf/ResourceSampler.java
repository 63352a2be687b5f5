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
 * Samples while the suite runs: once a second the CPU of the application, of the load generator, of this JVM, of
 * PostgreSQL and of the machine (from /proc); and, on a thread of its own so that a slow answer never delays the CPU
 * readings, the application's heap, database connections in use and projection lag from its Prometheus endpoint.
 * Scenarios ask for the figures of their own time window.
 */
final class ResourceSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);

    static final String APP = "app";
    static final String GENERATOR = "generator";
    static final String SUITE = "suite";

    /** CPU seconds so far of the watched processes, of every PostgreSQL process and of the machine. */
    record CpuSample(
            long at,
            Map<String, ProcessCpu> processes,
            Map<Long, Double> postgres,
            double machineBusy,
            double machineTotal) {}

    record ProcessCpu(long pid, double seconds) {}

    /** The application's figures as its Prometheus endpoint gave them (null where missing). */
    record MetricSample(
            long at,
            Double heapUsed,
            Double heapMax,
            Double heapOld,
            Double connectionsActive,
            Double connectionsMax,
            Double lagEvents,
            Double lagSeconds,
            Double viewHits,
            Double viewMisses) {}

    /** The application's caches of member views (detail, points, level): {@code member-views}, {@code member-points}... */
    private static final String VIEW_CACHES = "cache=\"member-";

    /** The meters the suite reads (counters by their name without {@code _total}): the application computes only these. */
    static final List<String> METERS = List.of(
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "hikaricp_connections_active",
            "hikaricp_connections_max",
            "memberhub_projection_lag_events",
            "memberhub_projection_lag_seconds",
            "cache_gets");

    private final Supplier<String> prometheus;
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    private final List<CpuSample> cpu = new ArrayList<>();
    private final List<MetricSample> metrics = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
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
        timer.scheduleAtFixedRate(() -> quietly(this::sampleCpu), 0, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> quietly(this::sampleMetrics), 0, 1, TimeUnit.SECONDS);
    }

    void watch(String role, long pid) {
        watched.put(role, pid);
    }

    void unwatch(String role) {
        watched.remove(role);
    }

    /** The figures of the window from {@code from} to {@code to} (epoch ms). */
    ResourceFigures figures(long from, long to) {
        List<CpuSample> cpuWindow;
        List<MetricSample> metricWindow;
        synchronized (cpu) {
            cpuWindow = cpu.stream()
                    .filter(s -> s.at() >= from - 1000 && s.at() <= to + 1000)
                    .toList();
        }
        synchronized (metrics) {
            metricWindow = metrics.stream()
                    .filter(s -> s.at() >= from && s.at() <= to + 1000)
                    .toList();
        }
        return ResourceFigures.of(cpuWindow, metricWindow);
    }

    private void sampleCpu() {
        Map<String, ProcessCpu> processes = new HashMap<>();
        watched.forEach((role, pid) -> {
            OptionalDouble seconds = ProcStat.cpuSeconds(pid);
            if (seconds.isPresent()) {
                processes.put(role, new ProcessCpu(pid, seconds.getAsDouble()));
            }
        });
        double[] machine = ProcStat.machineSeconds();
        CpuSample sample = new CpuSample(
                System.currentTimeMillis(), processes, ProcStat.postgresCpuSeconds(), machine[0], machine[1]);
        synchronized (cpu) {
            cpu.add(sample);
        }
    }

    private void sampleMetrics() {
        if (!watched.containsKey(APP)) {
            return;
        }
        long at = System.currentTimeMillis();
        String text = prometheus.get();
        if (text == null) {
            return;
        }
        Prometheus figures = Prometheus.parse(text);
        MetricSample sample = new MetricSample(
                at,
                figures.sum("jvm_memory_used_bytes", "area=\"heap\""),
                figures.sum("jvm_memory_max_bytes", "area=\"heap\""),
                figures.sum("jvm_memory_used_bytes", "Old Gen"),
                figures.sum("hikaricp_connections_active", ""),
                figures.sum("hikaricp_connections_max", ""),
                figures.max("memberhub_projection_lag_events"),
                figures.max("memberhub_projection_lag_seconds"),
                figures.sum("cache_gets_total", VIEW_CACHES, "result=\"hit\""),
                figures.sum("cache_gets_total", VIEW_CACHES, "result=\"miss\""));
        synchronized (metrics) {
            metrics.add(sample);
        }
    }

    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.debug("sample failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
