package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Projection status, parked events and replays through the admin API: a projector failure parks one member's events
 * while everyone else's go on, and a retry applies them exactly once; a replay waits for every instance, rebuilds a
 * drifted read model, and the read model answers with complete rows all the while.
 */
@PostgresIT
@DirtiesContext
@TestPropertySource(
        properties = {
            "memberhub.projection.handler-attempts=3",
            "memberhub.projection.handler-back-off=20ms",
            "memberhub.projection.coordination-interval=200ms"
        })
class ProjectionAdminIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listsEveryProcessingGroupWithItsPositionAndLag() {
        String id = register("Status");
        api.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"s-1\",\"amount\":10.00}");

        JsonNode all = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/admin/projections").json(),
                        groups -> groups.findValues("lagEvents").stream().allMatch(lag -> lag.asLong() == 0));
        assertThat(all.findValuesAsText("name"))
                .containsExactly("activities", "audit", "benefits", "levels", "members", "points", "reporting");
        for (JsonNode group : all) {
            assertThat(group.get("state").asText()).isEqualTo("RUNNING");
            assertThat(group.get("position").asLong())
                    .isEqualTo(group.get("head").asLong());
            assertThat(group.get("lagTime").asText()).isEqualTo("PT0S");
            assertThat(group.get("parkedEvents").asLong()).isZero();
            // reporting keeps shared daily totals and runs in one segment; the others in two
            assertThat(group.get("segments")).hasSize(group.get("name").asText().equals("reporting") ? 1 : 2);
            assertThat(group.findValuesAsText("owner"))
                    .allSatisfy(owner -> assertThat(owner).isNotBlank());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("memberhub.projection.lag.events", "points") == 0);

        assertThat(api.get("/api/v1/admin/projections/nothing").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/projections/nothing")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(api.get("/api/v1/admin/projections/Bad.Name").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/admin/projections/nothing/replay", null).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/projections/points/dead-letters?size=0")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aFailingEventIsParkedWithItsMembersLaterEventsAndARetryAppliesThemExactlyOnce() {
        String poisoned = register("Poisoned");
        String healthy = register("Healthy");
        awaitCaughtUp();
        jdbc.execute("ALTER TABLE points_ledger ADD CONSTRAINT it_poison CHECK (reference <> 'poison-order')");
        try {
            api.post("/api/v1/members/" + poisoned + "/purchases", "{\"orderId\":\"poison-order\",\"amount\":300.00}");
            api.post("/api/v1/members/" + poisoned + "/points/adjust", "{\"points\":5,\"reason\":\"goodwill\"}");
            api.post("/api/v1/members/" + healthy + "/purchases", "{\"orderId\":\"fine-order\",\"amount\":200.00}");

            JsonNode points = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.get("/api/v1/admin/projections/points").json(),
                            status -> status.get("lagEvents").asLong() == 0
                                    && status.get("parkedEvents").asLong() == 2);
            assertThat(points.get("parkedMembers").asLong()).isEqualTo(1);
            assertThat(points.get("state").asText()).isEqualTo("RUNNING");
            assertThat(gauge("memberhub.projection.parked", "points")).isEqualTo(2.0);

            // everyone else's events and the member's events in other read models went on
            assertThat(api.get("/api/v1/members/" + healthy + "/points")
                            .json()
                            .get("pending")
                            .asLong())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/members/" + poisoned + "/points")
                            .json()
                            .get("pending")
                            .asLong())
                    .isZero();
            assertThat(api.get("/api/v1/members/" + poisoned + "/level")
                            .json()
                            .at("/level/netSpend")
                            .decimalValue())
                    .isEqualByComparingTo("300.00");
            for (String group : List.of("members", "levels", "audit")) {
                assertThat(api.get("/api/v1/admin/projections/" + group)
                                .json()
                                .get("parkedEvents")
                                .asLong())
                        .isZero();
            }

            JsonNode letters =
                    api.get("/api/v1/admin/projections/points/dead-letters").json();
            assertThat(letters).hasSize(2);
            assertThat(letters.findValuesAsText("memberId")).containsOnly(poisoned);
            assertThat(letters.findValuesAsText("eventType"))
                    .containsExactly("PointsEarnedEvent", "PointsAdjustedEvent");
            assertThat(letters.get(0).get("causeMessage").asText()).contains("it_poison");
            assertThat(letters.toString())
                    .as("the failure is recorded without the row's values")
                    .doesNotContain("poison-order")
                    .doesNotContain("Poisoned");

            JsonNode stillFailing = api.post("/api/v1/admin/projections/points/dead-letters/retry", null)
                    .json();
            assertThat(stillFailing.get("succeeded").asInt()).isZero();
            assertThat(stillFailing.get("stillParked").asLong()).isEqualTo(1);
        } finally {
            jdbc.execute("ALTER TABLE points_ledger DROP CONSTRAINT IF EXISTS it_poison");
        }

        JsonNode retried = api.post("/api/v1/admin/projections/points/dead-letters/retry", null)
                .json();
        assertThat(retried.get("succeeded").asInt()).isEqualTo(1);
        assertThat(retried.get("stillParked").asLong()).isZero();
        JsonNode balance = api.get("/api/v1/members/" + poisoned + "/points").json();
        assertThat(balance.get("pending").asLong()).isEqualTo(300);
        assertThat(balance.get("available").asLong()).isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid", Long.class, poisoned))
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("memberhub.projection.parked", "points") == 0);
        assertClean();
    }

    @Test
    void aReplayWaitsForEveryInstanceThenRebuildsTheReadModelWhichKeepsAnsweringMeanwhile() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = register("Replayed " + i);
            for (int order = 1; order <= 3; order++) {
                api.post(
                        "/api/v1/members/" + id + "/purchases",
                        "{\"orderId\":\"r-" + i + "-" + order + "\",\"amount\":" + (order * 100) + ".00}");
            }
            ids.add(id);
        }
        awaitCaughtUp();
        String drifted = ids.get(0);
        String truncated = ids.get(1);
        jdbc.update("UPDATE points_balances SET available = available + 7 WHERE member_id = ?::uuid", drifted);
        jdbc.update("DELETE FROM points_ledger WHERE member_id = ?::uuid", truncated);
        JsonNode drift = api.get("/api/v1/admin/consistency").json();
        assertThat(drift.findValuesAsText("memberId")).as(drift.toString()).containsOnly(drifted, truncated);

        // another instance holds a segment of the group, so the reset has to wait for it
        jdbc.update(
                "UPDATE token_entry SET owner = 'other-instance', time_stamp = ? WHERE processor_name = 'points' AND segment = 1",
                DateTimeUtils.formatInstant(Instant.now()));
        Response requested = api.post("/api/v1/admin/projections/points/replay", null);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(requested.header("Location")).endsWith("/api/v1/admin/projections/points");
        assertThat(requested.json().get("state").asText()).isEqualTo("REPLAY_PENDING");
        assertThat(requested.json().at("/replay/requestedBy").asText()).isEqualTo("admin");
        Response again = api.post("/api/v1/admin/projections/points/replay", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("REPLAY_IN_PROGRESS");
        await().pollDelay(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> api.get("/api/v1/admin/projections/points").json(),
                        status -> status.findValuesAsText("owner").stream()
                                .allMatch(owner -> owner.equals("other-instance") || owner.equals("null")));
        assertThat(api.get("/api/v1/admin/projections/points")
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("REPLAY_PENDING");

        AtomicBoolean replayDone = new AtomicBoolean();
        List<String> answersDuringReplay = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!replayDone.get()) {
                for (String id : ids.subList(2, 12)) {
                    Response points = api.get("/api/v1/members/" + id + "/points");
                    long pending = points.status() == 200
                            ? points.json().get("pending").asLong()
                            : -1;
                    if (pending != 600) {
                        answersDuringReplay.add(id + " -> " + points);
                    }
                }
            }
        });
        reader.start();
        try {
            jdbc.update("UPDATE token_entry SET owner = NULL WHERE owner = 'other-instance'");
            JsonNode done = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> api.get("/api/v1/admin/projections/points").json(),
                            status -> status.get("state").asText().equals("RUNNING")
                                    && status.at("/replay/progress").asDouble() == 1.0
                                    && status.get("lagEvents").asLong() == 0);
            assertThat(done.at("/replay/startedAt").asText()).isNotBlank();
            assertThat(done.at("/replay/startedBy").asText()).isNotBlank();
            assertThat(done.at("/replay/resetPosition").asLong()).isPositive();
        } finally {
            replayDone.set(true);
        }
        assertThat(answersDuringReplay).as("rows answered during the replay").isEmpty();

        assertThat(api.get("/api/v1/members/" + drifted + "/points")
                        .json()
                        .get("available")
                        .asLong())
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid", Long.class, truncated))
                .isEqualTo(3);
        assertClean();
        // a second replay of an idempotent read model changes nothing
        assertThat(api.post("/api/v1/admin/projections/points/replay", null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.get("/api/v1/admin/projections/points").json(),
                        status -> status.get("state").asText().equals("RUNNING")
                                && status.at("/replay/progress").asDouble() == 1.0);
        assertClean();
    }

    private String register(String name) {
        return api.post("/api/v1/members", member(name, mobile(), null))
                .json()
                .get("id")
                .asText();
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/admin/projections").json().findValues("lagEvents").stream()
                        .allMatch(lag -> lag.asLong() == 0));
    }

    private void assertClean() {
        JsonNode report = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        r -> r.get("membersBehind").asInt() == 0);
        assertThat(report.get("driftCount").asInt()).as(report.toString()).isZero();
    }

    private double gauge(String name, String group) {
        return api.get("/metrics/" + name + "?tag=group:" + group)
                .json()
                .at("/measurements/0/value")
                .asDouble();
    }
}
