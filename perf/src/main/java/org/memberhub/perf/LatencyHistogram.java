package org.memberhub.perf;

/** Response times at one-millisecond resolution up to two minutes, in constant memory whatever the sample count. */
final class LatencyHistogram {

    private static final int LIMIT_MS = 120_000;

    private final long[] counts = new long[LIMIT_MS + 1];
    private long total;
    private long sum;
    private long max;

    void add(long millis) {
        long value = Math.max(0, millis);
        counts[(int) Math.min(value, LIMIT_MS)]++;
        total++;
        sum += value;
        max = Math.max(max, value);
    }

    /** The smallest value that at least {@code percent} % of the samples do not exceed; null without samples. */
    Double percentile(double percent) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(percent / 100 * total);
        long seen = 0;
        for (int millis = 0; millis < counts.length; millis++) {
            seen += counts[millis];
            if (seen >= Math.max(1, rank)) {
                return (double) millis;
            }
        }
        return (double) max;
    }

    Double mean() {
        return total == 0 ? null : (double) sum / total;
    }

    Double max() {
        return total == 0 ? null : (double) max;
    }

    long count() {
        return total;
    }
}
