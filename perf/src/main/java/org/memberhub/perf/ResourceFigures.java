package org.memberhub.perf;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What the machine did during a scenario. CPU in percent of one core unless named {@code machine}; heap in percent of
 * the maximum heap; database connections as Hikari reports them.
 *
 * @param appCpuAvg application CPU, average
 * @param appCpuMax application CPU, the highest one-second reading
 * @param generatorCpuAvg the load generator (JMeter or wrk) CPU, average
 * @param suiteCpuAvg this JVM (seeding, Kafka broker and producer, sampling), average
 * @param postgresCpuAvg all PostgreSQL processes, average
 * @param machineCpuAvg the whole machine, in percent of all its cores
 * @param otherCpuAvg everything else on the machine (other people's processes, the kernel), in percent of one core:
 *     figures taken while this is high were measured on a busy machine
 * @param heapUsedMax the highest heap use seen (young generation included)
 * @param heapOldMax the highest use of the old generation: what survived collections, garbage there included until a
 *     mixed or full collection; the young generation's garbage is no memory pressure, so this is the figure the pass
 *     line judges
 * @param connectionsMax most database connections in use at once
 * @param connectionsAvg average database connections in use
 * @param poolSize the connection pool's size
 * @param lagEventsMax the largest projection lag seen, in events (over every processing group)
 * @param lagSecondsMax the largest projection lag seen, in seconds
 * @param viewCacheHitRate share of member view reads (detail, points, level, {@code /me}) answered from the
 *     application's cache during the window, 0 to 1; null when there were none
 * @param samples CPU readings taken in the window
 * @param metricSamples readings of the application's metrics in the window
 */
record ResourceFigures(
        Double appCpuAvg,
        Double appCpuMax,
        Double generatorCpuAvg,
        Double suiteCpuAvg,
        Double postgresCpuAvg,
        Double machineCpuAvg,
        Double otherCpuAvg,
        Double heapUsedMax,
        Double heapOldMax,
        Double connectionsMax,
        Double connectionsAvg,
        Double poolSize,
        Double lagEventsMax,
        Double lagSecondsMax,
        Double viewCacheHitRate,
        int samples,
        int metricSamples) {

    static ResourceFigures of(List<ResourceSampler.CpuSample> cpu, List<ResourceSampler.MetricSample> metrics) {
        Double[] app = cpu(cpu, ResourceSampler.APP);
        Double generator = cpu(cpu, ResourceSampler.GENERATOR)[0];
        Double suite = cpu(cpu, ResourceSampler.SUITE)[0];
        boolean enough = cpu.size() >= 2;
        Double postgres = enough ? postgresCpu(cpu) : null;
        Double machine = enough ? machineCpu(cpu) : null;
        Double others = machine == null
                ? null
                : Math.max(
                        0,
                        machine * Runtime.getRuntime().availableProcessors()
                                - orZero(app[0])
                                - orZero(generator)
                                - orZero(suite)
                                - orZero(postgres));
        return new ResourceFigures(
                app[0],
                app[1],
                generator,
                suite,
                postgres,
                machine,
                others,
                maxPercent(metrics, ResourceSampler.MetricSample::heapUsed, ResourceSampler.MetricSample::heapMax),
                maxPercent(metrics, ResourceSampler.MetricSample::heapOld, ResourceSampler.MetricSample::heapMax),
                max(metrics, ResourceSampler.MetricSample::connectionsActive),
                avg(metrics, ResourceSampler.MetricSample::connectionsActive),
                max(metrics, ResourceSampler.MetricSample::connectionsMax),
                max(metrics, ResourceSampler.MetricSample::lagEvents),
                max(metrics, ResourceSampler.MetricSample::lagSeconds),
                hitRate(metrics),
                cpu.size(),
                metrics.size());
    }

    /** Hits over reads of the member view caches between the window's first and last readings. */
    private static Double hitRate(List<ResourceSampler.MetricSample> window) {
        List<ResourceSampler.MetricSample> read = window.stream()
                .filter(m -> m.viewHits() != null && m.viewMisses() != null)
                .toList();
        if (read.size() < 2) {
            return null;
        }
        ResourceSampler.MetricSample first = read.get(0);
        ResourceSampler.MetricSample last = read.get(read.size() - 1);
        double hits = last.viewHits() - first.viewHits();
        double reads = hits + last.viewMisses() - first.viewMisses();
        return reads > 0 ? hits / reads : null;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** {average, max} percent of a core over consecutive readings of the same process. */
    private static Double[] cpu(List<ResourceSampler.CpuSample> window, String role) {
        double busy = 0;
        double time = 0;
        double max = 0;
        for (int i = 1; i < window.size(); i++) {
            ResourceSampler.ProcessCpu before = window.get(i - 1).processes().get(role);
            ResourceSampler.ProcessCpu after = window.get(i).processes().get(role);
            double seconds = (window.get(i).at() - window.get(i - 1).at()) / 1000.0;
            if (before == null || after == null || before.pid() != after.pid() || seconds <= 0) {
                continue;
            }
            double used = after.seconds() - before.seconds();
            busy += used;
            time += seconds;
            max = Math.max(max, 100 * used / seconds);
        }
        return time == 0 ? new Double[] {null, null} : new Double[] {100 * busy / time, max};
    }

    private static Double postgresCpu(List<ResourceSampler.CpuSample> window) {
        double busy = 0;
        for (int i = 1; i < window.size(); i++) {
            Map<Long, Double> before = window.get(i - 1).postgres();
            for (Map.Entry<Long, Double> process : window.get(i).postgres().entrySet()) {
                Double earlier = before.get(process.getKey());
                // a backend started in between: count what it used since it started
                busy += earlier == null ? process.getValue() : process.getValue() - earlier;
            }
        }
        double seconds = (window.get(window.size() - 1).at() - window.get(0).at()) / 1000.0;
        return seconds <= 0 ? null : 100 * busy / seconds;
    }

    private static Double machineCpu(List<ResourceSampler.CpuSample> window) {
        ResourceSampler.CpuSample first = window.get(0);
        ResourceSampler.CpuSample last = window.get(window.size() - 1);
        double total = last.machineTotal() - first.machineTotal();
        return total > 0 ? 100 * (last.machineBusy() - first.machineBusy()) / total : null;
    }

    private static Double maxPercent(
            List<ResourceSampler.MetricSample> window,
            Function<ResourceSampler.MetricSample, Double> used,
            Function<ResourceSampler.MetricSample, Double> limit) {
        return window.stream()
                .filter(s -> used.apply(s) != null && limit.apply(s) != null && limit.apply(s) > 0)
                .map(s -> 100 * used.apply(s) / limit.apply(s))
                .max(Double::compare)
                .orElse(null);
    }

    private static Double max(
            List<ResourceSampler.MetricSample> window, Function<ResourceSampler.MetricSample, Double> value) {
        return window.stream()
                .map(value)
                .filter(Objects::nonNull)
                .max(Double::compare)
                .orElse(null);
    }

    private static Double avg(
            List<ResourceSampler.MetricSample> window, Function<ResourceSampler.MetricSample, Double> value) {
        OptionalDouble average = window.stream()
                .map(value)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .average();
        return average.isPresent() ? average.getAsDouble() : null;
    }
}
