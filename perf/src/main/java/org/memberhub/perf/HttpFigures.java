package org.memberhub.perf;

import java.util.Map;

/**
 * What the load generator saw. Latencies in ms.
 *
 * @param samples requests answered (or failed) in the measured window
 * @param errors requests that failed: an unexpected status, or no answer at all
 * @param conflicts expected refusals counted apart from errors (409 duplicates, 412 version conflicts)
 * @param seconds length of the measured window
 * @param throughput requests per second in the window
 * @param errorRate errors divided by samples
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param mean mean
 * @param max slowest
 * @param errorCodes errors by status or failure, the most frequent first
 */
record HttpFigures(
        long samples,
        long errors,
        long conflicts,
        double seconds,
        double throughput,
        double errorRate,
        Double p50,
        Double p95,
        Double p99,
        Double mean,
        Double max,
        Map<String, Long> errorCodes) {}
