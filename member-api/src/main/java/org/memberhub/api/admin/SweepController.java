package org.memberhub.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.points.FindPoisonedDueTransitionsQuery;
import org.memberhub.kernel.points.PoisonedDueTransitions;
import org.memberhub.kernel.points.RetryPoisonedDueTransitionsCommand;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The members the due-transition sweep gave up on, for administrators. */
@RestController
@Tag(name = "Administration", description = "Projections, consistency, dead letters")
class SweepController {

    private final QueryGateway queries;
    private final CommandGateway commands;

    SweepController(QueryGateway queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @GetMapping("/api/v1/admin/sweep/poisoned")
    @Operation(
            summary = "Members whose due transitions failed too often, which the sweep skips",
            description = "How many, and the first limit of them, the earliest poisoned first, with their failed"
                    + " attempts and the last failure (an error code or exception class)")
    PoisonedDueTransitions poisoned(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return queries.query(new FindPoisonedDueTransitionsQuery(limit), PoisonedDueTransitions.class)
                .join();
    }

    @PostMapping("/api/v1/admin/sweep/poisoned/retry")
    @Operation(
            summary = "Put every poisoned member back in the sweep's schedule",
            description = "Their attempts start again from zero; answers how many were put back")
    Map<String, Integer> retry() {
        Integer retried = commands.sendAndWait(new RetryPoisonedDueTransitionsCommand());
        return Map.of("retried", retried);
    }
}
