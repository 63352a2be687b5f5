package org.memberhub.api.audit;

import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.web.Paging;
import org.memberhub.kernel.audit.AuditEntry;
import org.memberhub.kernel.audit.AuditFilter;
import org.memberhub.kernel.audit.AuditLogChunk;
import org.memberhub.kernel.audit.AuditLogPage;
import org.memberhub.kernel.audit.FindAuditLogChunkQuery;
import org.memberhub.kernel.audit.FindAuditLogQuery;
import org.memberhub.kernel.audit.FindMemberHistoryQuery;
import org.memberhub.kernel.audit.FindMemberStateQuery;
import org.memberhub.kernel.audit.MemberHistoryPage;
import org.memberhub.kernel.audit.MemberState;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.MemberId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** For auditors: a member's full history, its state as of any instant, and the global audit log. */
@RestController
@Tag(name = "Audit", description = "Event history, state as of an instant, global audit log")
class AuditController {

    private static final String EVENT_TYPE = "[A-Za-z]{1,64}";
    private static final int CHUNK = 1_000;

    private final QueryGateway queries;
    private final Clock clock;

    AuditController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/members/{id}/history")
    @Operation(summary = "Every event of a member in order, with who, through which channel, why and when")
    @Refuses({MEMBER_NOT_FOUND})
    MemberHistoryPage history(
            @PathVariable MemberId id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        MemberHistoryPage history = queries.query(new FindMemberHistoryQuery(id, page, size), MemberHistoryPage.class)
                .join();
        if (history.total() == 0) {
            throw new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString());
        }
        return history;
    }

    @GetMapping("/api/v1/members/{id}/state")
    @Operation(summary = "A member as its events up to an instant left it: profile, status, level, balances, lots")
    @Refuses({MEMBER_NOT_FOUND})
    MemberState state(
            @PathVariable MemberId id,
            @Parameter(description = "ISO-8601 instant; defaults to now") @RequestParam(required = false)
                    Instant asOf) {
        Instant at = asOf == null ? clock.instant() : asOf;
        return queries.query(new FindMemberStateQuery(id, at), ResponseTypes.optionalInstanceOf(MemberState.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
    }

    @GetMapping("/api/v1/audit/log")
    @Operation(
            summary = "All changes, newest first, filtered by time range, event type, actor and member",
            description = "Page by number (page) for the first pages, while page × size ≤ 10 000 (deeper: 400"
                    + " PAGE_TOO_DEEP); for deep pages follow nextCursor (or the next link), which goes on after the"
                    + " last entry of a page however deep.")
    @Refuses(badRequest = {ProblemCodes.INVALID_FILTER, ProblemCodes.PAGE_TOO_DEEP, ProblemCodes.INVALID_CURSOR})
    AuditLogPageResponse log(
            @Parameter(description = "from this instant, inclusive") @RequestParam(required = false) Instant from,
            @Parameter(description = "until this instant, exclusive") @RequestParam(required = false) Instant to,
            @Parameter(description = "such as PointsAdjusted")
                    @RequestParam(required = false)
                    @Pattern(regexp = EVENT_TYPE)
                    String eventType,
            @Parameter(description = "user name") @RequestParam(required = false) @Size(max = 200) String actor,
            @RequestParam(required = false) MemberId memberId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(description = "nextCursor of the previous page: the page after it (page is then ignored)")
                    @RequestParam(required = false)
                    @Size(max = AuditCursor.MAX_LENGTH)
                    String cursor) {
        AuditFilter filter = filter(from, to, eventType, actor, memberId);
        Long before = cursor == null || cursor.isBlank() ? null : AuditCursor.globalIndex(cursor.trim());
        if (before == null) {
            Paging.requireShallow(page, size);
        }
        AuditLogPage result = queries.query(new FindAuditLogQuery(filter, page, size, before), AuditLogPage.class)
                .join();
        String nextCursor = result.next() == null ? null : AuditCursor.text(result.next());
        String next = nextCursor == null
                ? null
                : ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam("page")
                        .replaceQueryParam("cursor", nextCursor)
                        .build()
                        .toUriString();
        return new AuditLogPageResponse(result.items(), result.page(), result.size(), result.total(), nextCursor, next);
    }

    @GetMapping(path = "/api/v1/audit/log.csv", produces = "text/csv")
    @Operation(summary = "The audit log as CSV, oldest first, streamed", description = "Same filters as the log")
    @Refuses(badRequest = ProblemCodes.INVALID_FILTER)
    ResponseEntity<StreamingResponseBody> logCsv(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) @Pattern(regexp = EVENT_TYPE) String eventType,
            @RequestParam(required = false) @Size(max = 200) String actor,
            @RequestParam(required = false) MemberId memberId) {
        AuditFilter filter = filter(from, to, eventType, actor, memberId);
        StreamingResponseBody body = output -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            csv.write(AuditCsv.HEADER);
            long after = -1;
            List<AuditEntry> chunk;
            do {
                chunk = queries.query(new FindAuditLogChunkQuery(filter, after, CHUNK), AuditLogChunk.class)
                        .join()
                        .items();
                for (AuditEntry entry : chunk) {
                    csv.write(AuditCsv.row(entry));
                    after = entry.globalIndex();
                }
                csv.flush();
            } while (chunk.size() == CHUNK);
            csv.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"")
                .body(body);
    }

    private static AuditFilter filter(Instant from, Instant to, String eventType, String actor, MemberId memberId) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_FILTER, "from >= to");
        }
        return new AuditFilter(from, to, eventType, actor, memberId);
    }
}
