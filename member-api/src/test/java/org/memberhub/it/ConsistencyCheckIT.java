package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.memberhub.query.integrity.ConsistencyCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The consistency check finds read models that agree with the event store clean, finds drift when they do not, never
 * counts writes in flight as drift, and runs its scheduled rounds on one instance at a time.
 */
@PostgresIT
@DirtiesContext
class ConsistencyCheckIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsistencyCheck check;

    @Autowired
    Environment environment;

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void reportsDriftOnlyWhereAReadModelDisagreesWithTheEvents() {
        ConsistencyScenarios.findsInjectedDrift(api, jdbc);
    }

    @Test
    void reportsNoDriftWhileWritesAreInFlight() throws Exception {
        ConsistencyScenarios.reportsNoDriftWhileWritesAreInFlight(api, 8);
    }

    @Test
    void oneInstanceAtATimeRunsAScheduledRound() throws Exception {
        try (SecondInstance second = SecondInstance.start(environment, issuer)) {
            List<ConsistencyCheck> instances = List.of(check, second.bean(ConsistencyCheck.class));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // the round is due: both try at once, one runs it
                roundDue(Instant.now().minusSeconds(1), null);
                List<Optional<ConsistencyReport>> first = bothAtOnce(pool, instances);
                assertThat(first).filteredOn(Optional::isPresent).hasSize(1);

                // until the next round is due, neither runs
                assertThat(bothAtOnce(pool, instances)).allMatch(Optional::isEmpty);

                // the next round is due: again one of them
                roundDue(Instant.now().minusSeconds(1), null);
                assertThat(bothAtOnce(pool, instances))
                        .filteredOn(Optional::isPresent)
                        .hasSize(1);

                // a round still running (its lease held) keeps the next one from starting anywhere
                roundDue(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600));
                assertThat(bothAtOnce(pool, instances)).allMatch(Optional::isEmpty);

                // whichever ran it, every instance reports the last round's figures
                ConsistencyReport ran =
                        first.stream().flatMap(Optional::stream).findFirst().orElseThrow();
                for (ConsistencyCheck instance : instances) {
                    assertThat(instance.lastSummary().checkedAt()).isAfterOrEqualTo(ran.checkedAt());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void roundDue(Instant at, Instant leaseUntil) {
        jdbc.update(
                "UPDATE consistency_check_round SET next_run_at = ?, lease_until = ?",
                Timestamp.from(at),
                leaseUntil == null ? null : Timestamp.from(leaseUntil));
    }

    private static List<Optional<ConsistencyReport>> bothAtOnce(ExecutorService pool, List<ConsistencyCheck> instances)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<ConsistencyReport>>> runs = instances.stream()
                .map(instance -> pool.submit((Callable<Optional<ConsistencyReport>>) () -> {
                    start.await();
                    return instance.runRound();
                }))
                .toList();
        start.countDown();
        List<Optional<ConsistencyReport>> results = new java.util.ArrayList<>();
        for (Future<Optional<ConsistencyReport>> run : runs) {
            results.add(run.get());
        }
        return results;
    }
}
