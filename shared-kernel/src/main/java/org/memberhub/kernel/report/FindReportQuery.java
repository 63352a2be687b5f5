package org.memberhub.kernel.report;

import java.time.LocalDate;

/**
 * One report; {@code from} and {@code to} (both included, in the reporting time zone) bound the days of a daily
 * report and are ignored by the others. Answers a {@link ReportTable}.
 */
public record FindReportQuery(Report report, LocalDate from, LocalDate to) {}
