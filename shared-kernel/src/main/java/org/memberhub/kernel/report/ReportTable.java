package org.memberhub.kernel.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report as rows of named columns, in the order of {@code columns}: the same shape for JSON and for CSV.
 *
 * @param asOf the instant the report describes (when figures depend on "now": tenure, expiring points)
 * @param position the global event position the reporting tables had reached
 */
public record ReportTable(
        String report, Instant asOf, long position, List<String> columns, List<Map<String, Object>> rows) {}
