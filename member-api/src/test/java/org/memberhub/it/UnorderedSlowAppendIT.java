package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.SlowAppends.lastSequence;
import static org.memberhub.it.SlowAppends.readModelVersion;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The same scenario as {@link SlowAppendIT} without the append lock: Axon's gap handling then drops the slow event,
 * and the read models never see it. This shows the hazard is real and that {@code SlowAppendIT} would catch it.
 */
@PostgresIT
@TestPropertySource(
        properties = {"memberhub.event-store.gap-timeout=PT2S", "memberhub.event-store.ordered-appends=false"})
@DirtiesContext
class UnorderedSlowAppendIT {

    @Autowired
    Api api;

    @Autowired
    EventStorageEngine events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void withoutTheAppendLockTheSlowEventIsSkipped() throws Exception {
        SlowAppends.Outcome outcome = SlowAppends.run(api, events, transactions, processing);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String member : outcome.otherMembers()) {
                assertThat(readModelVersion(jdbc, "members", "id", member)).isEqualTo(lastSequence(jdbc, member));
            }
        });
        assertThat(lastSequence(jdbc, outcome.slowMember())).isEqualTo(1);
        // the processors have moved past the slow event's position, and its gap times out after 2 s: it stays unseen
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .until(() -> readModelVersion(jdbc, "members", "id", outcome.slowMember()) == 0);
    }
}
