package org.memberhub.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.audit.CheckConsistencyQuery;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Administration", description = "Projections, consistency, dead letters")
class ConsistencyController {

    private final QueryGateway queries;

    ConsistencyController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/admin/consistency")
    @Operation(
            summary = "Compare the read models with the event store now",
            description = "Reads every event once; lagging projections count as behind, differing figures as drift")
    ConsistencyReport check() {
        return queries.query(new CheckConsistencyQuery(), ConsistencyReport.class)
                .join();
    }
}
