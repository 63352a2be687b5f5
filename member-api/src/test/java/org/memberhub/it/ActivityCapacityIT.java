package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Members racing for the last places of an activity through two application instances on one database, each member
 * joining twice (once through each instance): exactly the capacity joins, each member at most once, each joined member
 * rewarded once, and everybody else is told the activity is full.
 */
@PostgresIT
@DirtiesContext
@TestPropertySource(properties = ActivityCapacityIT.SNAPSHOTS)
class ActivityCapacityIT {

    /** Snapshots every few events, so that joins also decide on activities loaded from snapshots. */
    static final String SNAPSHOTS = "memberhub.command.snapshot-threshold=3";

    private static final int CAPACITY = 10;
    private static final int MEMBERS = 40;
    private static final long REWARD = 25;

    @Autowired
    Api first;

    @Autowired
    Environment environment;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    private SecondInstance secondInstance;
    private Api second;
    private ExecutorService pool;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = SecondInstance.start(environment, issuer, SNAPSHOTS);
        second = secondInstance.api();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stopSecondInstance() {
        pool.shutdownNow();
        secondInstance.close();
    }

    @Test
    void aSecondInstanceDoesNotSeedTheCatalogueAgain() {
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.BenefitCreatedEvent'",
                        Integer.class))
                .isEqualTo(11);
    }

    @Test
    void concurrentJoinsNeverExceedTheCapacity() throws Exception {
        Instant now = Instant.now();
        Response created = first.post(
                "/api/v1/activities",
                """
                {"name":"Last places","startsAt":"%s","endsAt":"%s","capacity":%d,"rewardPoints":%d}"""
                        .formatted(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), CAPACITY, REWARD));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String activity = created.json().get("id").asText();
        assertThat(first.post("/api/v1/activities/" + activity + "/open", null).status())
                .isEqualTo(200);

        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(first.post("/api/v1/members", member("Racer " + i, mobile(), null))
                    .json()
                    .get("id")
                    .asText());
        }

        String participants = "/api/v1/activities/" + activity + "/participants";
        List<Future<Response>> answers = new ArrayList<>();
        for (String member : members) {
            String body = "{\"memberId\":\"" + member + "\"}";
            answers.add(pool.submit(retryingConflicts(() -> first.post(participants, body))));
            answers.add(pool.submit(retryingConflicts(() -> second.post(participants, body))));
        }
        Set<String> joined = new HashSet<>();
        Set<Integer> places = new HashSet<>();
        int duplicates = 0;
        int full = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            if (response.status() == 200) {
                if (response.json().get("duplicate").asBoolean()) {
                    duplicates++;
                } else {
                    assertThat(joined.add(response.json().get("memberId").asText()))
                            .isTrue();
                    places.add(response.json().get("participantNo").asInt());
                }
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.json().get("code").asText()).isEqualTo("ACTIVITY_FULL");
                full++;
            }
        }
        assertThat(joined).hasSize(CAPACITY);
        assertThat(places).containsExactlyInAnyOrderElementsOf(range(1, CAPACITY));
        assertThat(duplicates).isEqualTo(CAPACITY);
        assertThat(full).isEqualTo(2 * (MEMBERS - CAPACITY));

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        Integer.class,
                        activity))
                .as("the activity was snapshotted")
                .isPositive();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                                + " AND payload_type LIKE '%.MemberJoinedActivityEvent'",
                        Integer.class, activity))
                .isEqualTo(CAPACITY);
        for (String member : members) {
            int rewards = jdbc.queryForObject(
                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                            + " AND payload_type LIKE '%.PointsEarnedEvent'"
                            + " AND convert_from(payload, 'UTF8')::json ->> 'source' = 'ACTIVITY'",
                    Integer.class, member);
            assertThat(rewards).as(member).isEqualTo(joined.contains(member) ? 1 : 0);
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> first.get(participants + "?size=100")
                                .json()
                                .get("total")
                                .asInt()
                        == CAPACITY);
        Response listed = first.get(participants + "?size=100");
        assertThat(listed.json().findValuesAsText("memberId")).containsExactlyInAnyOrderElementsOf(joined);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> first.get("/api/v1/activities/" + activity)
                                .json()
                                .get("participants")
                                .asInt()
                        == CAPACITY);
        String someone = joined.iterator().next();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> first.get("/api/v1/members/" + someone + "/points")
                                .json()
                                .get("available")
                                .asLong()
                        == REWARD);
    }

    /**
     * A client's retry of a request that lost an optimistic-locking race with the other instance: sent again, at
     * once and then every few milliseconds, until it is answered with anything else.
     */
    private static Callable<Response> retryingConflicts(Callable<Response> request) {
        return () -> await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        request,
                        response -> !(response.status() == 409
                                && "CONCURRENT_MODIFICATION"
                                        .equals(response.json().path("code").asText())));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
