package org.memberhub.api.sync;

import static org.memberhub.kernel.error.ErrorCode.SYNC_ALREADY_RUNNING;
import static org.memberhub.kernel.error.ErrorCode.SYNC_NOT_CONFIGURED;
import static org.memberhub.kernel.error.ErrorCode.SYNC_RUN_NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.security.CurrentActor;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.sync.FindSyncRunDecisionsQuery;
import org.memberhub.kernel.sync.FindSyncRunQuery;
import org.memberhub.kernel.sync.FindSyncRunsQuery;
import org.memberhub.kernel.sync.FindSyncStatusQuery;
import org.memberhub.kernel.sync.StartSyncCommand;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncOutcome;
import org.memberhub.kernel.sync.SyncRecordDecisionPage;
import org.memberhub.kernel.sync.SyncRunPage;
import org.memberhub.kernel.sync.SyncRunView;
import org.memberhub.kernel.sync.SyncStatus;
import org.memberhub.kernel.sync.SyncTrigger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The sync with the external member system: status, run history with each run's decisions, and starting a run by hand. */
@RestController
@Tag(name = "Sync", description = "Sync with the external member system")
class SyncController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    SyncController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/api/v1/sync/status")
    @Operation(summary = "Whether a system is configured, the watermark, the run under way and the last one")
    SyncStatus status() {
        return queries.query(new FindSyncStatusQuery(), SyncStatus.class).join();
    }

    @GetMapping("/api/v1/sync/runs")
    @Operation(summary = "Sync runs, newest first, with their counts and watermarks")
    SyncRunPage runs(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new FindSyncRunsQuery(page, size), SyncRunPage.class)
                .join();
    }

    @GetMapping("/api/v1/sync/runs/{id}")
    @Operation(summary = "One sync run, with the records it could not apply and why")
    @Refuses({SYNC_RUN_NOT_FOUND})
    SyncRunView run(@PathVariable long id) {
        return queries.query(new FindSyncRunQuery(id), ResponseTypes.optionalInstanceOf(SyncRunView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.SYNC_RUN_NOT_FOUND, id));
    }

    @GetMapping("/api/v1/sync/runs/{id}/decisions")
    @Operation(
            summary = "What one sync run decided for each external record, in the order it read them",
            description = "Outcome, reason code (the latest-wins decision or the error code), member when known and"
                    + " time; optionally only one outcome. Kept for memberhub.sync.decision-retention (30 days).")
    @Refuses({SYNC_RUN_NOT_FOUND})
    SyncRecordDecisionPage decisions(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(description = "only this outcome") SyncOutcome decision,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.query(
                        new FindSyncRunDecisionsQuery(id, decision, page, size),
                        ResponseTypes.optionalInstanceOf(SyncRecordDecisionPage.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.SYNC_RUN_NOT_FOUND, id));
    }

    @PostMapping("/api/v1/sync/runs")
    @Operation(
            summary = "Start a sync run now",
            description =
                    "INCREMENTAL (default) reads the records changed since the watermark, FULL reads all. 409 while"
                            + " a run is under way on any instance.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({SYNC_NOT_CONFIGURED, SYNC_ALREADY_RUNNING})
    ResponseEntity<SyncRunView> start(@Valid @RequestBody(required = false) StartRequest request) {
        SyncMode mode = request == null || request.mode() == null ? SyncMode.INCREMENTAL : request.mode();
        String requestedBy = CurrentActor.metadata().get(AuditMetadata.ACTOR_NAME);
        SyncRunView run = commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(new StartSyncCommand(mode, SyncTrigger.MANUAL, requestedBy))
                        .andMetaData(CurrentActor.metadata()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/sync/runs/{id}")
                        .buildAndExpand(run.id())
                        .toUri())
                .body(run);
    }

    @Schema(name = "SyncStartInput")
    record StartRequest(@Schema(description = "INCREMENTAL (default) or FULL") SyncMode mode) {}
}
