package org.memberhub.api.stats;

import static org.memberhub.kernel.error.ErrorCode.INVALID_REPORT_RANGE;
import static org.memberhub.kernel.error.ErrorCode.REPORT_NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.web.Csv;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.report.FindReportQuery;
import org.memberhub.kernel.report.Report;
import org.memberhub.kernel.report.ReportTable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reports of the {@code reporting} schema as JSON (rows of named columns) and CSV. Daily reports take a range of
 * days ({@code from}, {@code to}, both included, in the application's time zone; the last 30 days by default).
 */
@RestController
@RequestMapping("/api/v1/stats")
@Tag(name = "Stats", description = "Reports for analysts and the console, as JSON or CSV")
class StatsController {

    private final QueryGateway queries;

    StatsController(QueryGateway queries) {
        this.queries = queries;
    }

    /** A report's name and whether it takes a range of days. */
    record ReportInfo(String name, boolean daily, String json, String csv) {}

    @GetMapping
    @Operation(summary = "The reports there are")
    List<ReportInfo> reports() {
        return Arrays.stream(Report.values())
                .map(r -> new ReportInfo(
                        r.slug(), r.daily(), "/api/v1/stats/" + r.slug(), "/api/v1/stats/" + r.slug() + ".csv"))
                .toList();
    }

    @GetMapping("/{report}")
    @Operation(summary = "One report as JSON")
    @Refuses({REPORT_NOT_FOUND, INVALID_REPORT_RANGE})
    ReportTable report(
            @Parameter(description = "e.g. points-per-day") @PathVariable String report,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return find(report, from, to);
    }

    @GetMapping(path = "/{report}.csv", produces = "text/csv")
    @Operation(summary = "One report as CSV", description = "A header line with the column names, then the rows")
    @Refuses({REPORT_NOT_FOUND, INVALID_REPORT_RANGE})
    ResponseEntity<String> csv(
            @PathVariable String report,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        ReportTable table = find(report, from, to);
        StringBuilder csv = new StringBuilder(Csv.line(table.columns()));
        for (Map<String, Object> row : table.rows()) {
            csv.append(Csv.line(table.columns().stream().map(row::get).toList()));
        }
        String file = table.report() + (table.from() == null ? "" : "_" + table.from() + "_" + table.to()) + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(csv.toString());
    }

    private ReportTable find(String name, LocalDate from, LocalDate to) {
        Report report = Report.bySlug(name).orElseThrow(() -> new DomainException(ErrorCode.REPORT_NOT_FOUND, name));
        return queries.query(new FindReportQuery(report, from, to), ReportTable.class)
                .join();
    }
}
