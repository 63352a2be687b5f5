package org.memberhub.config;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Says once, when the application is ready, that PostgreSQL's autovacuum is off. Nothing then refreshes the planner's
 * statistics: as the tables grow, PostgreSQL plans the member list for the few rows it last saw and its estimated
 * totals fall behind. At 100 000 members on a server that had never analyzed them, PostgreSQL took the member table
 * for 8 862 rows and the list served half the requests it served after an ANALYZE (perf/README, "Bottlenecks"). The
 * application keeps working; the operator is told.
 */
@Component
class PlannerStatisticsCheck {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatisticsCheck.class);

    private final DSLContext dsl;

    PlannerStatisticsCheck(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return;
        }
        try {
            warning(String.valueOf(dsl.fetchValue("SHOW autovacuum"))).ifPresent(log::warn);
        } catch (DataAccessException e) {
            log.debug("could not read the server's autovacuum setting", e);
        }
    }

    /** The warning for a value of PostgreSQL's {@code autovacuum} setting, if it deserves one. */
    static Optional<String> warning(String autovacuum) {
        if (!"off".equalsIgnoreCase(autovacuum)) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL's autovacuum is off on this server: nothing refreshes the planner's statistics,"
                + " so as the tables grow the member list's plans degrade and its estimated totals drift. Turn"
                + " autovacuum on, or run ANALYZE after bulk loads and regularly.");
    }
}
