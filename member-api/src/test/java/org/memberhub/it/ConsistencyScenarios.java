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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/** The consistency check's scenarios, run on PostgreSQL and on the embedded database alike. */
final class ConsistencyScenarios {

    private ConsistencyScenarios() {}

    /** A member with every kind of event, then two figures changed behind the projections' back: both found. */
    static void findsInjectedDrift(Api api, JdbcTemplate jdbc) {
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

        JsonNode clean = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        report -> report.get("membersBehind").asInt() == 0);
        assertThat(clean.get("driftCount").asInt()).as(clean.toString()).isZero();
        assertThat(clean.get("eventsRead").asLong()).isPositive();

        jdbc.update("UPDATE points_balances SET available = available + 7 WHERE member_id = CAST(? AS UUID)", id);
        jdbc.update("DELETE FROM level_history WHERE member_id = CAST(? AS UUID)", id);

        JsonNode drift = api.get("/api/v1/admin/consistency").json();
        assertThat(drift.get("driftCount").asInt()).as(drift.toString()).isEqualTo(2);
        assertThat(drift.get("drifts").findValuesAsText("field")).containsExactlyInAnyOrder("available", "entries");
        assertThat(drift.get("drifts").findValuesAsText("memberId")).containsOnly(id);
        assertThat(drift.at("/drifts/0/readModel").asText()).isIn("points_balances", "level_history");
        assertThat(api.get("/metrics/memberhub.consistency.drift")
                        .json()
                        .at("/measurements/0/value")
                        .asDouble())
                .isEqualTo(2.0);
    }

    /**
     * Writers buy, adjust points and register new members without pause while the check runs again and again: the
     * read models are behind or ahead of what the check read, never drifted.
     */
    static void reportsNoDriftWhileWritesAreInFlight(Api api, int writers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            ids.add(api.post("/api/v1/members", member("In flight " + i, mobile(), null))
                    .json()
                    .get("id")
                    .asText());
        }
        // drift left by other tests on the same database is there before, during and after
        int atRest = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        report -> report.get("membersBehind").asInt() == 0)
                .get("driftCount")
                .asInt();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger orders = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Object>> running = new ArrayList<>();
        for (String id : ids) {
            running.add(pool.submit(() -> {
                int round = 0;
                while (writing.get()) {
                    api.post(
                            "/api/v1/members/" + id + "/purchases",
                            "{\"orderId\":\"f-" + orders.incrementAndGet() + "\",\"amount\":12.00}");
                    api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":1,\"reason\":\"in flight\"}");
                    if (round++ % 3 == 0) {
                        api.post("/api/v1/members", member("Newcomer", mobile(), null));
                    }
                }
                return null;
            }));
        }
        try {
            int reports = 0;
            while (reports < 8 || orders.get() < 60) {
                JsonNode report = api.get("/api/v1/admin/consistency").json();
                assertThat(report.get("driftCount").asInt())
                        .as("drift reported while writing: " + report)
                        .isEqualTo(atRest);
                reports++;
            }
        } finally {
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<Object> writer : running) {
            writer.get(); // a writer that failed fails the test
        }
        JsonNode settled = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        report -> report.get("membersBehind").asInt() == 0);
        assertThat(settled.get("driftCount").asInt()).as(settled.toString()).isEqualTo(atRest);
    }
}
