package org.memberhub.api.level;

import static org.memberhub.kernel.error.ErrorCode.CONCURRENT_MODIFICATION;
import static org.memberhub.kernel.error.ErrorCode.INVALID_LEVEL;
import static org.memberhub.kernel.error.ErrorCode.INVALID_UNTIL;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_DELETED;
import static org.memberhub.kernel.error.ErrorCode.MEMBER_NOT_FOUND;
import static org.memberhub.kernel.error.ErrorCode.NO_MANUAL_LEVEL;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.memberhub.api.docs.Refuses;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.points.LoyaltyResponse;
import org.memberhub.api.web.Commands;
import org.memberhub.api.web.Consistency;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.level.AdjustLevelCommand;
import org.memberhub.kernel.level.LevelHistoryPage;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.MemberId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A member's level, its history and manual adjustments by staff. */
@RestController
@RequestMapping("/api/v1/members/{id}/level")
@Tag(name = "Level", description = "Membership levels")
class LevelController {

    private final Commands commands;
    private final LoyaltyReads reads;
    private final LevelDescriber levels;

    LevelController(Commands commands, LoyaltyReads reads, LevelDescriber levels) {
        this.commands = commands;
        this.reads = reads;
        this.levels = levels;
    }

    @GetMapping
    @Operation(summary = "A member's level, net qualifying spend and what the next level takes")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    ResponseEntity<LevelResponse> level(
            @PathVariable MemberId id,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        MemberLevelView view = reads.level(id, Consistency.parse(consistencyToken));
        return ResponseEntity.ok().eTag(Consistency.etag(view.version())).body(LevelResponse.of(view, levels));
    }

    @GetMapping("/history")
    @Operation(summary = "Every change of a member's level, newest first")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED})
    LevelHistoryPage history(
            @PathVariable MemberId id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestHeader(name = Consistency.HEADER, required = false) String consistencyToken) {
        return reads.levelHistory(id, page, size, Consistency.parse(consistencyToken));
    }

    @PostMapping("/adjust")
    @Operation(
            summary = "Set or end a manual level",
            description = "A level at or above the automatic one is a floor (spending still raises the member); one"
                    + " below it is a ceiling. It lasts until `until`, or until staff end it with `level` null.")
    @Refuses({MEMBER_NOT_FOUND, MEMBER_DELETED, INVALID_LEVEL, INVALID_UNTIL, NO_MANUAL_LEVEL, CONCURRENT_MODIFICATION})
    ResponseEntity<LoyaltyResponse> adjust(
            @PathVariable MemberId id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody AdjustLevelRequest request) {
        LoyaltyOutcome<?> outcome = commands.send(new AdjustLevelCommand(
                id, request.level(), request.reason(), request.until(), Consistency.expectedVersion(ifMatch)));
        return ResponseEntity.ok()
                .headers(Consistency.decisionHeaders(new ConsistencyToken(id, outcome.version())))
                .body(LoyaltyResponse.of(outcome, levels));
    }

    @Schema(name = "AdjustLevelInput")
    record AdjustLevelRequest(
            @Schema(description = "the manual level; null ends the manual level in force") @Min(1) @Max(99)
                    Integer level,
            @NotBlank @Size(max = 500) String reason,
            @Schema(description = "when the manual level ends; absent: until staff end it") Instant until) {}
}
