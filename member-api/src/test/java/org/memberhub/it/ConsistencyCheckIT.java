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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** The consistency check finds read models that agree with the event store clean, and finds drift when they do not. */
@PostgresIT
@DirtiesContext
class ConsistencyCheckIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reportsDriftOnlyWhereAReadModelDisagreesWithTheEvents() {
        String id = api.post("/api/v1/members", member("Checked", mobile(), null))
                .json()
                .get("id")
                .asText();
        String path = "/api/v1/members/" + id;
        api.post(path + "/purchases", "{\"orderId\":\"c-1\",\"amount\":2500.00}");
        api.post(path + "/refunds", "{\"refundId\":\"c-r\",\"orderId\":\"c-1\",\"amount\":100.00}");
        api.post(path + "/points/adjust", "{\"points\":40,\"reason\":\"goodwill\"}");
        api.post(path + "/points/spend", "{\"orderId\":\"c-2\",\"orderAmount\":100.00,\"points\":15}");
        api.post(path + "/level/adjust", "{\"level\":5,\"reason\":\"partner\"}");
        api.post(path + "/freeze", null);

        JsonNode clean = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        report -> report.get("membersBehind").asInt() == 0);
        assertThat(clean.get("driftCount").asInt()).as(clean.toString()).isZero();
        assertThat(clean.get("eventsRead").asLong()).isPositive();

        jdbc.update("UPDATE points_balances SET available = available + 7 WHERE member_id = ?::uuid", id);
        jdbc.update("DELETE FROM level_history WHERE member_id = ?::uuid", id);

        JsonNode drift = api.get("/api/v1/admin/consistency").json();
        assertThat(drift.get("driftCount").asInt()).isEqualTo(2);
        assertThat(drift.get("drifts").findValuesAsText("field")).containsExactlyInAnyOrder("available", "entries");
        assertThat(drift.get("drifts").findValuesAsText("memberId")).containsOnly(id);
        assertThat(drift.at("/drifts/0/readModel").asText()).isIn("points_balances", "level_history");
        assertThat(api.get("/metrics/memberhub.consistency.drift")
                        .json()
                        .at("/measurements/0/value")
                        .asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void reportsNoDriftWhileWritesAreInFlight() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(api.post("/api/v1/members", member("In flight " + i, mobile(), null))
                    .json()
                    .get("id")
                    .asText());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger orders = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (String id : ids) {
            writers.submit(() -> {
                while (writing.get()) {
                    api.post(
                            "/api/v1/members/" + id + "/purchases",
                            "{\"orderId\":\"f-" + orders.incrementAndGet() + "\",\"amount\":12.00}");
                    api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":1,\"reason\":\"in flight\"}");
                }
                return null;
            });
        }
        try {
            int reports = 0;
            while (reports < 5 || orders.get() < 40) {
                JsonNode report = api.get("/api/v1/admin/consistency").json();
                assertThat(report.get("driftCount").asInt())
                        .as("drift reported while writing: " + report)
                        .isZero();
                reports++;
            }
        } finally {
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
