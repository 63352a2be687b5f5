package org.memberhub.api.member;

import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.DUPLICATE_EMAIL;
import static org.memberhub.kernel.error.ErrorCode.DUPLICATE_EXTERNAL_REF;
import static org.memberhub.kernel.error.ErrorCode.DUPLICATE_MOBILE;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_ALREADY_ERASED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_ALREADY_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FROZEN;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.error.ProblemCodes;
import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.level.LevelSummary;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.api.web.Paging;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.FindMemberLevelQuery;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.DeleteMemberCommand;
import org.memberhub.kernel.member.EraseMemberCommand;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.FindMembersQuery;
import org.memberhub.kernel.member.FreezeMemberCommand;
import org.memberhub.kernel.member.MemberCriteria;
import org.memberhub.kernel.member.MemberCursor;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberPage;
import org.memberhub.kernel.member.MemberSort;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.member.RegisterMemberCommand;
import org.memberhub.kernel.member.UnfreezeMemberCommand;
import org.memberhub.kernel.member.UpdateMemberProfileCommand;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Back-office member management. Commands answer with what the aggregate decided, an ETag of the new version and a
 * consistency token; queries read the projected read model.
 */
@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members", description = "Back-office management of members")
class MemberController {

    private static final String IF_MATCH = HttpHeaders.IF_MATCH;

    private final Commands commands;
    private final QueryGateway queries;
    private final LevelDescriber levels;
    private final Clock clock;

    MemberController(Commands commands, QueryGateway queries, LevelDescriber levels, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.levels = levels;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register a member")
    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({DUPLICATE_MOBILE, DUPLICATE_EMAIL, DUPLICATE_EXTERNAL_REF, CONCURRENT_MODIFICATION})
    ResponseEntity<MemberResponse> register(@Valid @RequestBody MemberRequest request) {
        MemberId id = MemberId.newId();
        MemberView member = commands.send(new RegisterMemberCommand(id, request.toProfile()));
        return ResponseEntity.created(URI.create("/api/v1/members/" + id))
                .headers(decisionHeaders(member))
                .body(MemberResponse.of(member, clock));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a member")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: `If-None-Match` names the current version",
            content = @Content)
    ResponseEntity<MemberResponse> get(
            @PathVariable MemberId id,
            @Parameter(description = "wait until the read model reflects this command response's token")
                    @RequestHeader(name = Consistency.HEADER, required = false)
                    String consistencyToken,
            WebRequest request) {
        ConsistencyToken awaiting = Consistency.parse(consistencyToken);
        MemberView member = queries.query(
                        new FindMemberQuery(id, awaiting), ResponseTypes.optionalInstanceOf(MemberView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, id.toString()));
        if (member.status() == MemberStatus.DELETED) {
            throw new DomainException(ErrorCode.MEMBER_DELETED, id.toString());
        }
        String etag = Consistency.etag(member.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        // the level read model is a projection of its own: read with the same token, so a client reading its write
        // sees both; null only for a member it has not seen yet
        LevelSummary levelDetail = queries.query(
                        new FindMemberLevelQuery(id, awaiting), ResponseTypes.optionalInstanceOf(MemberLevelView.class))
                .join()
                .map(view -> levels.describe(view.level(), view.netSpend(), view.manual()))
                .orElse(null);
        return ResponseEntity.ok().eTag(etag).body(MemberResponse.of(member, clock, levelDetail));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Replace a member's profile",
            description = "With If-Match, refused (412) unless it names the current version")
    @Refuses({
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        DUPLICATE_MOBILE,
        DUPLICATE_EMAIL,
        DUPLICATE_EXTERNAL_REF,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<MemberResponse> update(
            @PathVariable MemberId id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MemberRequest request) {
        MemberView member = commands.send(
                new UpdateMemberProfileCommand(id, request.toProfile(), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().headers(decisionHeaders(member)).body(MemberResponse.of(member, clock));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Delete a member",
            description = "The history is kept for audit; the member leaves lists and searches")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED, CONCURRENT_MODIFICATION})
    ResponseEntity<Void> delete(
            @PathVariable MemberId id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) @Size(max = ReasonRequest.MAX_LENGTH) String reason) {
        MemberView member = commands.send(new DeleteMemberCommand(id, reason, Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().headers(decisionHeaders(member)).build();
    }

    @PostMapping("/{id}/erase")
    @Operation(
            summary = "Erase a member's personal data for good (right to be forgotten)",
            description = "The key the member's profile is encrypted with in every stored event and snapshot is"
                    + " destroyed: the profile reads as empty everywhere from then on. The member is deleted too;"
                    + " history, points, level and totals stay. Cannot be undone.")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_ALREADY_ERASED, CONCURRENT_MODIFICATION})
    ResponseEntity<MemberResponse> erase(
            @PathVariable MemberId id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        MemberView member =
                commands.send(new EraseMemberCommand(id, reasonOf(body), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().headers(decisionHeaders(member)).body(MemberResponse.of(member, clock));
    }

    @PostMapping("/{id}/freeze")
    @Operation(summary = "Freeze a member")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED, MEMBER_ALREADY_FROZEN, CONCURRENT_MODIFICATION})
    ResponseEntity<MemberResponse> freeze(
            @PathVariable MemberId id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        MemberView member =
                commands.send(new FreezeMemberCommand(id, reasonOf(body), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().headers(decisionHeaders(member)).body(MemberResponse.of(member, clock));
    }

    @PostMapping("/{id}/unfreeze")
    @Operation(summary = "Unfreeze a member")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED, MEMBER_NOT_FROZEN, CONCURRENT_MODIFICATION})
    ResponseEntity<MemberResponse> unfreeze(
            @PathVariable MemberId id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        MemberView member =
                commands.send(new UnfreezeMemberCommand(id, reasonOf(body), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok().headers(decisionHeaders(member)).body(MemberResponse.of(member, clock));
    }

    @GetMapping
    @Operation(
            summary = "List members",
            description = "Deleted members are never listed. Page by number (page) for the first pages; for deep"
                    + " pages follow nextCursor (or the next link), which goes on after the last member of a page"
                    + " however deep, in the same sort order; a page by number that skips more than 10 000 members"
                    + " is refused (400 PAGE_TOO_DEEP). total is exact while at most"
                    + " memberhub.query.exact-count-limit (default 1000) members match; above, on PostgreSQL, it is"
                    + " the database's estimate and totalEstimated is true.")
    @Refuses(
            badRequest = {
                ProblemCodes.INVALID_FILTER,
                ProblemCodes.INVALID_SORT,
                ProblemCodes.INVALID_CURSOR,
                ProblemCodes.PAGE_TOO_DEEP
            })
    MemberPageResponse list(
            @Parameter(description = "text contained in name, mobile or e-mail")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String q,
            @Parameter(description = "ACTIVE or FROZEN; repeat for several") @RequestParam(required = false)
                    List<MemberStatus> status,
            @Parameter(description = "1 to 5; repeat for several") @RequestParam(required = false)
                    List<@Min(1) @Max(5) Integer> level,
            @RequestParam(required = false) @Size(max = 32) String tag,
            @Parameter(description = "first join date, inclusive") @RequestParam(required = false) LocalDate joinedFrom,
            @Parameter(description = "last join date, inclusive") @RequestParam(required = false) LocalDate joinedTo,
            @Parameter(description = "page number from 0, while page × size ≤ 10 000; deeper, follow nextCursor")
                    @RequestParam(defaultValue = "0")
                    @Min(0)
                    int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MemberListing.MAX_SIZE) int size,
            @Parameter(description = "name, mobile, level, status, joinedAt or updatedAt, then ,asc or ,desc")
                    @RequestParam(defaultValue = "joinedAt,desc")
                    String sort,
            @Parameter(description = "nextCursor of the previous page: the page after it (page is then ignored)")
                    @RequestParam(required = false)
                    @Size(max = MemberListing.MAX_CURSOR_LENGTH)
                    String cursor,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        Set<MemberStatus> statuses = filterValues("status", status);
        if (statuses.contains(MemberStatus.DELETED)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_FILTER, "status=DELETED");
        }
        if (joinedFrom != null && joinedTo != null && joinedFrom.isAfter(joinedTo)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_FILTER, "joinedFrom > joinedTo");
        }
        MemberCriteria criteria = new MemberCriteria(
                q == null || q.isBlank() ? null : q.trim(),
                statuses,
                filterValues("level", level),
                tag == null || tag.isBlank() ? null : tag.trim(),
                joinedFrom == null
                        ? null
                        : joinedFrom.atStartOfDay(clock.getZone()).toInstant(),
                joinedTo == null
                        ? null
                        : joinedTo.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
        ConsistencyToken awaiting = Consistency.parse(consistencyToken);
        MemberSort order = MemberListing.sort(sort);
        MemberCursor after = cursor == null || cursor.isBlank() ? null : MemberListing.cursor(cursor.trim(), order);
        if (after == null) {
            Paging.requireShallow(page, size);
        }
        MemberPage result = queries.query(
                        new FindMembersQuery(criteria, page, size, order, awaiting, after), MemberPage.class)
                .join();
        String nextCursor = result.next() == null ? null : MemberListing.cursorText(result.next());
        String next = nextCursor == null
                ? null
                : ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam("page")
                        .replaceQueryParam("cursor", nextCursor)
                        .build()
                        .toUriString();
        return new MemberPageResponse(
                result.items().stream()
                        .map(member -> MemberResponse.of(member, clock))
                        .toList(),
                result.page(),
                result.size(),
                result.total(),
                result.totalEstimated(),
                nextCursor,
                next);
    }

    /**
     * The values of a repeatable filter. Spring reads an empty one ({@code status=}, or only whitespace and control
     * characters such as {@code %00}) as null: refused like any other invalid value.
     */
    private static <T> Set<T> filterValues(String parameter, List<T> values) {
        if (values == null) {
            return Set.of();
        }
        if (values.contains(null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_PARAMETER, parameter);
        }
        return new HashSet<>(values);
    }

    private static HttpHeaders decisionHeaders(MemberView member) {
        return Consistency.decisionHeaders(new ConsistencyToken(member.id(), member.version()));
    }

    private static String reasonOf(ReasonRequest body) {
        return body == null ? null : body.reason();
    }
}
