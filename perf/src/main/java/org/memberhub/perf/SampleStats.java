package org.memberhub.perf;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Accumulates samples into {@link HttpFigures}. */
final class SampleStats {

    private final Set<String> conflictCodes;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final Map<String, Long> errorCodes = new HashMap<>();
    private long errors;
    private long conflicts;
    private long firstStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    SampleStats(Set<String> conflictCodes) {
        this.conflictCodes = conflictCodes;
    }

    void add(JtlReader.Sample sample) {
        latencies.add(sample.elapsed());
        firstStart = Math.min(firstStart, sample.start());
        lastEnd = Math.max(lastEnd, sample.start() + sample.elapsed());
        if (!sample.success()) {
            errors++;
            errorCodes.merge(shorten(sample.code()), 1L, Long::sum);
        } else if (conflictCodes.contains(sample.code())) {
            conflicts++;
        }
    }

    /** Figures over a window of the given length; the samples' own span when it is null. */
    HttpFigures figures(Double windowSeconds) {
        long samples = latencies.count();
        double seconds = windowSeconds != null
                ? windowSeconds
                : samples == 0 ? 0 : Math.max(0.001, (lastEnd - firstStart) / 1000.0);
        Map<String, Long> codes = new LinkedHashMap<>();
        errorCodes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> codes.put(e.getKey(), e.getValue()));
        return new HttpFigures(
                samples,
                errors,
                conflicts,
                seconds,
                seconds > 0 ? samples / seconds : 0,
                samples == 0 ? 0 : (double) errors / samples,
                latencies.percentile(50),
                latencies.percentile(95),
                latencies.percentile(99),
                latencies.mean(),
                latencies.max(),
                codes);
    }

    private static String shorten(String code) {
        String text = code == null || code.isBlank() ? "none" : code;
        return text.length() > 60 ? text.substring(0, 60) : text;
    }
}
