package org.memberhub.kernel.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report as rows of named columns, in the order of {@code columns}: the same shape for JSON and for CSV.
 *
 * @param asOf the instant the report was made (figures that depend on "now", tenure and expiring points, are as of it)
 * @param from the first day of a daily report ({@code null} for the others)
 * @param to the last day of a daily report ({@code null} for the others)
 */
public record ReportTable(
        String report,
        Instant asOf,
        LocalDate from,
        LocalDate to,
        List<String> columns,
        List<Map<String, Object>> rows) {}
