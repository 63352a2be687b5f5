package org.memberhub.api.admin;

import static org.memberhub.kernel.error.ErrorCode.PROJECTION_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.REPLAY_IN_PROGRESS;
import static org.memberhub.kernel.error.ErrorCode.REPLAY_NOT_SUPPORTED;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.security.CurrentActor;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.projection.DeadLetterView;
import org.memberhub.kernel.projection.ProjectionAdministration;
import org.memberhub.kernel.projection.ProjectionStatus;
import org.memberhub.kernel.projection.RetryOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Projection status, replays and parked events, for administrators. */
@RestController
@Tag(name = "Administration", description = "Projections, consistency, dead letters")
class ProjectionController {

    private static final String NAME = "[a-z][a-z0-9-]{0,63}";

    private final ProjectionAdministration projections;

    ProjectionController(ProjectionAdministration projections) {
        this.projections = projections;
    }

    @GetMapping("/api/v1/admin/projections")
    @Operation(summary = "Every processing group: position, lag in events and time, errors, parked events, replay")
    List<ProjectionStatus> all() {
        return projections.statuses();
    }

    @GetMapping("/api/v1/admin/projections/{name}")
    @Operation(summary = "One processing group's status, with the progress of its last replay")
    @Refuses({PROJECTION_NOT_FOUND})
    ProjectionStatus one(@PathVariable @Pattern(regexp = NAME) String name) {
        return projections.status(name);
    }

    @PostMapping("/api/v1/admin/projections/{name}/replay")
    @Operation(
            summary = "Reset the processing group and replay every event into it",
            description = "All instances stop the group's processor, one resets its tokens, all start again. The read"
                    + " model keeps answering throughout: each member's rows are rebuilt in one transaction when the"
                    + " replay reaches the member. Events after the request wait until the replay has caught up.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({PROJECTION_NOT_FOUND, REPLAY_IN_PROGRESS, REPLAY_NOT_SUPPORTED})
    ResponseEntity<ProjectionStatus> replay(@PathVariable @Pattern(regexp = NAME) String name) {
        String requestedBy = CurrentActor.metadata().get(AuditMetadata.ACTOR_NAME);
        ProjectionStatus status = projections.requestReplay(name, requestedBy);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/admin/projections/{name}")
                        .buildAndExpand(name)
                        .toUri())
                .body(status);
    }

    @GetMapping("/api/v1/admin/projections/{name}/dead-letters")
    @Operation(summary = "Events the processing group could not apply, parked with every later event of their member")
    @Refuses({PROJECTION_NOT_FOUND})
    List<DeadLetterView> deadLetters(
            @PathVariable @Pattern(regexp = NAME) String name,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return projections.deadLetters(name, page * size, size);
    }

    @PostMapping("/api/v1/admin/projections/{name}/dead-letters/retry")
    @Operation(
            summary = "Apply the parked events again",
            description = "Each member's parked events are tried in order; a member whose events apply leaves the"
                    + " queue, one that fails again stays parked with the new failure.")
    @Refuses({PROJECTION_NOT_FOUND})
    RetryOutcome retry(@PathVariable @Pattern(regexp = NAME) String name) {
        return projections.retryDeadLetters(name);
    }
}
