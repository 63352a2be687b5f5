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
@TestPropertySource(properties = {SlowAppends.GAP_TIMEOUT_PROPERTY, "memberhub.event-store.ordered-appends=false"})
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
        SlowAppends.Outcome outcome = SlowAppends.run(api, events, transactions, processing, jdbc);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String member : outcome.otherMembers()) {
                assertThat(readModelVersion(jdbc, "members", "id", member)).isEqualTo(lastSequence(jdbc, member));
            }
        });
        assertThat(lastSequence(jdbc, outcome.slowMember())).isEqualTo(1);
        // the processors have moved past the slow event's position and dropped its gap: once they have read past a
        // later event, they would have read the slow one before it, had they still expected it
        String marker = outcome.otherMembers().get(0);
        assertThat(api.post("/api/v1/members/" + marker + "/points/adjust", "{\"points\":1,\"reason\":\"afterwards\"}")
                        .status())
                .isEqualTo(200);
        long markerIndex = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, marker);
        SlowAppends.awaitReadPast(jdbc, processing, "members", markerIndex);
        assertThat(readModelVersion(jdbc, "members", "id", outcome.slowMember()))
                .as("the slow event never reached the read model")
                .isZero();
    }
}
