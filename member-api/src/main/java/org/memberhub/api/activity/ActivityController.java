package org.memberhub.api.activity;

import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_ALREADY_OPEN;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_CLOSED;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_FULL;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_LEVEL_NOT_ELIGIBLE;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_NOT_OPEN;
import static org.memberhub.kernel.error.ErrorCode.ACTIVITY_OUTSIDE_WINDOW;
import static org.memberhub.kernel.error.ErrorCode.CAPACITY_BELOW_PARTICIPANTS;
import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.INVALID_ACTIVITY;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_FROZEN;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.activity.ActivityPage;
import org.memberhub.kernel.activity.ActivityStatus;
import org.memberhub.kernel.activity.ActivityView;
import org.memberhub.kernel.activity.ChangeActivityCommand;
import org.memberhub.kernel.activity.CloseActivityCommand;
import org.memberhub.kernel.activity.CreateActivityCommand;
import org.memberhub.kernel.activity.FindActivitiesQuery;
import org.memberhub.kernel.activity.FindActivityQuery;
import org.memberhub.kernel.activity.FindMemberActivitiesQuery;
import org.memberhub.kernel.activity.FindParticipantsQuery;
import org.memberhub.kernel.activity.JoinActivityCommand;
import org.memberhub.kernel.activity.JoinDecision;
import org.memberhub.kernel.activity.MemberActivity;
import org.memberhub.kernel.activity.OpenActivityCommand;
import org.memberhub.kernel.activity.ParticipantPage;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.MemberId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activities (campaigns): staff create, change, open and close them; members join once, inside the window, at an
 * eligible level and while places are left, and are credited the reward in the same transaction.
 */
@RestController
@Tag(name = "Activities", description = "Campaigns members join for reward points")
class ActivityController {

    private static final String IF_MATCH = "If-Match";

    private final Commands commands;
    private final QueryGateway queries;
    private final LoyaltyReads reads;

    ActivityController(Commands commands, QueryGateway queries, LoyaltyReads reads) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping("/api/v1/activities")
    @Operation(summary = "Activities, newest first")
    ActivityPage list(
            @RequestParam(required = false) ActivityStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new FindActivitiesQuery(status, page, size), ActivityPage.class)
                .join();
    }

    @GetMapping("/api/v1/activities/{activityId}")
    @Operation(summary = "One activity")
    @Refuses({ACTIVITY_NOT_FOUND})
    ResponseEntity<ActivityView> get(@PathVariable ActivityId activityId) {
        ActivityView activity = queries.query(
                        new FindActivityQuery(activityId), ResponseTypes.optionalInstanceOf(ActivityView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.ACTIVITY_NOT_FOUND, activityId.toString()));
        return ResponseEntity.ok().eTag(Consistency.etag(activity.version())).body(activity);
    }

    @PostMapping("/api/v1/activities")
    @Operation(summary = "Create an activity", description = "It starts as a DRAFT; open it to let members join")
    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({INVALID_ACTIVITY})
    ResponseEntity<ActivityView> create(@Valid @RequestBody ActivityRequests.Terms request) {
        ActivityView created = commands.send(new CreateActivityCommand(ActivityId.newId(), request.toTerms()));
        return ResponseEntity.created(URI.create("/api/v1/activities/" + created.id()))
                .eTag(Consistency.etag(created.version()))
                .body(created);
    }

    @PutMapping("/api/v1/activities/{activityId}")
    @Operation(
            summary = "Change an activity",
            description = "Not once closed; the capacity never below the participants. With If-Match, refused "
                    + "(412) unless it names the current version")
    @Refuses({
        ACTIVITY_NOT_FOUND,
        INVALID_ACTIVITY,
        ACTIVITY_CLOSED,
        CAPACITY_BELOW_PARTICIPANTS,
        CONCURRENT_MODIFICATION
    })
    ResponseEntity<ActivityView> change(
            @PathVariable ActivityId activityId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ActivityRequests.Terms request) {
        return answer(commands.send(
                new ChangeActivityCommand(activityId, request.toTerms(), Consistency.expectedVersion(ifMatch))));
    }

    @PostMapping("/api/v1/activities/{activityId}/open")
    @Operation(summary = "Open an activity for members to join")
    @Refuses({ACTIVITY_NOT_FOUND, ACTIVITY_ALREADY_OPEN, ACTIVITY_CLOSED, CONCURRENT_MODIFICATION})
    ResponseEntity<ActivityView> open(
            @PathVariable ActivityId activityId, @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return answer(commands.send(new OpenActivityCommand(activityId, Consistency.expectedVersion(ifMatch))));
    }

    @PostMapping("/api/v1/activities/{activityId}/close")
    @Operation(summary = "Close an activity for good")
    @Refuses({ACTIVITY_NOT_FOUND, ACTIVITY_CLOSED, CONCURRENT_MODIFICATION})
    ResponseEntity<ActivityView> close(
            @PathVariable ActivityId activityId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ActivityRequests.Close request) {
        return answer(commands.send(new CloseActivityCommand(
                activityId, request == null ? null : request.reason(), Consistency.expectedVersion(ifMatch))));
    }

    @GetMapping("/api/v1/activities/{activityId}/participants")
    @Operation(summary = "Who joined, in the order they joined")
    @Refuses({ACTIVITY_NOT_FOUND})
    ParticipantPage participants(
            @PathVariable ActivityId activityId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.query(new FindParticipantsQuery(activityId, page, size), ParticipantPage.class)
                .join();
    }

    @PostMapping("/api/v1/activities/{activityId}/participants")
    @Operation(
            summary = "Join a member to an activity",
            description = "Once per member: joining again answers the first decision with duplicate=true")
    @Refuses({
        ACTIVITY_NOT_FOUND,
        MEMBER_NOT_FOUND,
        MEMBER_DELETED,
        MEMBER_FROZEN,
        ACTIVITY_NOT_OPEN,
        ACTIVITY_CLOSED,
        ACTIVITY_OUTSIDE_WINDOW,
        ACTIVITY_LEVEL_NOT_ELIGIBLE,
        ACTIVITY_FULL,
        CONCURRENT_MODIFICATION
    })
    JoinDecision join(@PathVariable ActivityId activityId, @Valid @RequestBody ActivityRequests.Join request) {
        return commands.send(new JoinActivityCommand(activityId, request.memberId()));
    }

    @GetMapping("/api/v1/members/{id}/activities")
    @Operation(summary = "The activities a member joined, the latest first")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    List<MemberActivity> ofMember(@PathVariable MemberId id) {
        reads.requireReadable(id, null);
        return queries.query(new FindMemberActivitiesQuery(id), ResponseTypes.multipleInstancesOf(MemberActivity.class))
                .join();
    }

    private static ResponseEntity<ActivityView> answer(ActivityView view) {
        return ResponseEntity.ok().eTag(Consistency.etag(view.version())).body(view);
    }
}
