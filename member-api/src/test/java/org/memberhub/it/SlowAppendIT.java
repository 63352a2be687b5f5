package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.SlowAppends.lastSequence;
import static org.memberhub.it.SlowAppends.readModelVersion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * No event is ever skipped (Axon issue #4829): an append transaction held open past the gap timeout, while other
 * members' events are appended and the projectors read on, still reaches every read model, and every other event
 * reaches them exactly once.
 */
@PostgresIT
@TestPropertySource(properties = SlowAppends.GAP_TIMEOUT_PROPERTY)
@DirtiesContext
class SlowAppendIT {

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
    void aTransactionOpenPastTheGapTimeoutIsNotSkipped() throws Exception {
        SlowAppends.Outcome outcome = SlowAppends.run(api, events, transactions, processing, jdbc);
        List<String> all = new ArrayList<>(outcome.otherMembers());
        all.add(outcome.slowMember());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String member : all) {
                long last = lastSequence(jdbc, member);
                assertThat(readModelVersion(jdbc, "members", "id", member)).isEqualTo(last);
                assertThat(readModelVersion(jdbc, "points_balances", "member_id", member))
                        .isEqualTo(last);
                assertThat(readModelVersion(jdbc, "member_levels", "member_id", member))
                        .isEqualTo(last);
            }
        });
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM members WHERE id = ?::uuid", String.class, outcome.slowMember()))
                .isEqualTo("FROZEN");
        for (String member : outcome.otherMembers()) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid", Integer.class, member))
                    .as("each adjustment in the ledger exactly once")
                    .isEqualTo(SlowAppends.WRITES_PER_MEMBER);
            assertThat(jdbc.queryForObject(
                            "SELECT available FROM points_balances WHERE member_id = ?::uuid", Long.class, member))
                    .isEqualTo(SlowAppends.WRITES_PER_MEMBER);
        }
    }
}
