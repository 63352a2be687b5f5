package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * More members that fail every wake-up than the sweep reads at a time, all due before a member whose points are due
 * for release: the sweep still releases them, gives up on the failing members after a few attempts, reports them, and
 * puts them back when asked.
 */
@PostgresIT
@Import(ControlledTime.class)
@TestPropertySource(
        properties = {
            "memberhub.command.sweep-enabled=false",
            "memberhub.command.sweep-batch-size=200",
            "memberhub.command.sweep-attempts=3",
            "memberhub.command.sweep-back-off=PT1M",
            "memberhub.command.sweep-max-back-off=PT10M"
        })
@DirtiesContext
class DueTransitionSweepIT {

    static final Instant START = ControlledTime.START;
    private static final int FAILING = 250;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTransitionSweeper sweeper;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void membersThatAlwaysFailNeverHoldBackTheOnesDueAfterThem() {
        String id = api.post("/api/v1/members", member("Due later", mobile(), null))
                .json()
                .get("id")
                .asText();
        String points = "/api/v1/members/" + id + "/points";
        Response bought = api.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"s-1\",\"amount\":100.00}");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().at("/points/pending").asLong()).isEqualTo(100);

        // members the sweep can never wake (their streams cannot be loaded), all due long before the purchase
        Set<String> failing = new HashSet<>();
        for (int i = 0; i < FAILING; i++) {
            UUID member = UUID.randomUUID();
            failing.add(member.toString());
            Timestamp due = Timestamp.from(START.minus(Duration.ofDays(30)).plusSeconds(i));
            jdbc.update("INSERT INTO member_schedule (member_id, due_at, wake_at) VALUES (?, ?, ?)", member, due, due);
        }

        // the return window is over: one sweep tries every failing member once and still releases the points
        clock.advance(Duration.ofDays(8));
        assertThat(sweeper.sweep()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(points).json().get("available").asLong() == 100);
        assertThat(attempts(id)).containsOnly(1);

        // back-off: not tried again before it is over
        assertThat(sweeper.sweep()).isZero();
        assertThat(attempts(id)).containsOnly(1);

        // after the third failure they are poisoned: listed, counted, and no longer tried
        for (int round = 0; round < 2; round++) {
            clock.advance(Duration.ofMinutes(10));
            sweeper.sweep();
        }
        assertThat(attempts(id)).containsOnly(3);
        JsonNode poisoned = api.get("/api/v1/admin/sweep/poisoned?limit=1000").json();
        assertThat(poisoned.get("count").asLong()).isEqualTo(FAILING);
        assertThat(poisoned.get("members").findValuesAsText("memberId"))
                .hasSize(FAILING)
                .containsAll(failing);
        assertThat(poisoned.at("/members/0/attempts").asInt()).isEqualTo(3);
        assertThat(poisoned.at("/members/0/lastFailure").asText()).contains("AggregateNotFound");
        assertThat(api.get("/metrics/memberhub.sweep.poisoned")
                        .json()
                        .at("/measurements/0/value")
                        .asDouble())
                .isEqualTo(FAILING);
        clock.advance(Duration.ofDays(1));
        assertThat(sweeper.sweep()).isZero();
        assertThat(attempts(id)).containsOnly(3);

        // an operator puts them back: they are tried again from the first attempt
        Response retried = api.post("/api/v1/admin/sweep/poisoned/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("retried").asInt()).isEqualTo(FAILING);
        assertThat(api.get("/api/v1/admin/sweep/poisoned").json().get("count").asLong())
                .isZero();
        sweeper.sweep();
        assertThat(attempts(id)).containsOnly(1);
    }

    /** The distinct attempt counts of the failing members. */
    private Set<Integer> attempts(String due) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT attempts FROM member_schedule WHERE member_id <> ?::uuid", Integer.class, due));
    }
}
