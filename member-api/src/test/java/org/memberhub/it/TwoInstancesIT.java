package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Two application instances on one database, both taking purchases for the same member and both sweeping for due
 * transitions: every purchase is recorded once, every lot released once and expired once.
 */
@PostgresIT
@TestPropertySource(properties = {TwoInstancesIT.RETURN_WINDOW, TwoInstancesIT.LOT_LIFETIME, TwoInstancesIT.SWEEP})
@DirtiesContext
class TwoInstancesIT {

    static final String RETURN_WINDOW = "memberhub.loyalty.return-window=PT2S";
    static final String LOT_LIFETIME = "memberhub.loyalty.lot-lifetime=PT5S";
    static final String SWEEP = "memberhub.command.sweep-interval=PT0.1S";
    private static final int ORDERS = 40;

    @Autowired
    Api first;

    @Autowired
    Environment environment;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DueTransitionSweeper sweeper;

    private SecondInstance secondInstance;
    private Api second;
    private ExecutorService pool;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = SecondInstance.start(environment, issuer, RETURN_WINDOW, LOT_LIFETIME, SWEEP);
        second = secondInstance.api();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopSecondInstance() {
        pool.shutdownNow();
        secondInstance.close();
    }

    @Test
    void loseNothingAndExpireNothingTwice() throws Exception {
        String id = first.post("/api/v1/members", member("Twice", mobile(), null))
                .json()
                .get("id")
                .asText();
        String purchases = "/api/v1/members/" + id + "/purchases";

        List<Future<Response>> sent = new ArrayList<>();
        for (int order = 0; order < ORDERS; order++) {
            String body = "{\"orderId\":\"o-" + order + "\",\"amount\":10.00}";
            sent.add(pool.submit(() -> first.post(purchases, body)));
            sent.add(pool.submit(() -> second.post(purchases, body)));
        }
        for (Future<Response> response : sent) {
            Response answered = response.get();
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.json().at("/decision/pointsEarned").asLong()).isEqualTo(10);
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> countEvents(id, "PointsExpiredEvent") == ORDERS);
        // one more sweep by each instance, which must find nothing left to do
        sweeper.sweep();
        secondInstance.bean(DueTransitionSweeper.class).sweep();

        assertThat(countEvents(id, "PurchaseRecordedEvent")).isEqualTo(ORDERS);
        assertThat(distinct(id, "PurchaseRecordedEvent", "orderId")).isEqualTo(ORDERS);
        assertThat(countEvents(id, "PointsEarnedEvent")).isEqualTo(ORDERS);
        assertThat(countEvents(id, "PointsReleasedEvent")).isEqualTo(ORDERS);
        assertThat(distinct(id, "PointsReleasedEvent", "lotNo")).isEqualTo(ORDERS);
        assertThat(countEvents(id, "PointsExpiredEvent")).isEqualTo(ORDERS);
        assertThat(distinct(id, "PointsExpiredEvent", "lotNo")).isEqualTo(ORDERS);

        String token = id + "."
                + jdbc.queryForObject(
                        "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        id);
        Response points = first.get("/api/v1/members/" + id + "/points", "X-Consistency-Token", token);
        assertThat(points.status()).as(points.toString()).isEqualTo(200);
        assertThat(points.json().get("available").asLong()).isZero();
        assertThat(points.json().get("pending").asLong()).isZero();
        assertThat(points.json().get("lifetimeEarned").asLong()).isEqualTo(10L * ORDERS);
        assertThat(points.json().get("lifetimeExpired").asLong()).isEqualTo(10L * ORDERS);
    }

    /**
     * Each instance keeps the members it loaded in its aggregate cache; the other instance's writes in between must be
     * seen, also by commands that append nothing (a refusal decided on a stale copy would never meet the append
     * conflict that otherwise reveals it). Versions only grow: the sweeps release points in between.
     */
    @Test
    void instancesTakingTurnsSeeEachOthersWrites() {
        JsonNode registered =
                first.post("/api/v1/members", member("Turns", mobile(), null)).json();
        String id = registered.get("id").asText();
        String member = "/api/v1/members/" + id;
        long version = registered.get("version").asLong();
        for (int turn = 0; turn < 6; turn++) {
            Api writer = turn % 2 == 0 ? first : second;
            Response frozen = writer.post(member + "/freeze", "{\"reason\":\"turn " + turn + "\"}");
            assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
            assertThat(frozen.json().get("version").asLong()).isGreaterThan(version);
            version = frozen.json().get("version").asLong();
            Response unfrozen = (writer == first ? second : first).post(member + "/unfreeze", "{}");
            assertThat(unfrozen.status()).as(unfrozen.toString()).isEqualTo(200);
            assertThat(unfrozen.json().get("version").asLong()).isGreaterThan(version);
            version = unfrozen.json().get("version").asLong();
            Response purchase =
                    writer.post(member + "/purchases", "{\"orderId\":\"turn-" + turn + "\",\"amount\":10.00}");
            assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
            assertThat(purchase.json().get("version").asLong()).isGreaterThan(version);
            version = purchase.json().get("version").asLong();
            Response repeated = (writer == first ? second : first)
                    .post(member + "/purchases", "{\"orderId\":\"turn-" + turn + "\",\"amount\":10.00}");
            assertThat(repeated.status()).as(repeated.toString()).isEqualTo(200);
            assertThat(repeated.json().get("duplicate").asBoolean()).isTrue();
            assertThat(repeated.json().get("version").asLong()).isGreaterThanOrEqualTo(version);
        }
        assertThat(countEvents(id, "PurchaseRecordedEvent")).isEqualTo(6);
    }

    private int countEvents(String member, String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class,
                member,
                "%." + type);
    }

    private int distinct(String member, String type, String field) {
        return jdbc.queryForObject(
                "SELECT count(DISTINCT convert_from(payload, 'UTF8')::json ->> ?) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class,
                field,
                member,
                "%." + type);
    }
}
