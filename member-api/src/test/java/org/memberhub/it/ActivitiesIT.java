package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An activity's life through HTTP: draft, open, joins by staff and by members themselves, change, close. */
@PostgresIT
class ActivitiesIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void draftOpenJoinChangeAndClose() {
        Instant now = Instant.now();
        Response created = api.post(
                "/api/v1/activities",
                terms("Tea tasting", now.minusSeconds(3600), now.plus(Duration.ofDays(2)), 2, 40));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("DRAFT");
        String activity = "/api/v1/activities/" + created.json().get("id").asText();

        String alice = register("Alice");
        Response notOpen = api.asMember(alice).post("/api/v1/me" + activity.substring(7) + "/join", null);
        assertThat(notOpen.json().get("code").asText()).isEqualTo("ACTIVITY_NOT_OPEN");

        assertThat(api.post(activity + "/open", null, "If-Match", "\"0\"").status())
                .isEqualTo(200);
        Response joined = api.asMember(alice).post("/api/v1/me" + activity.substring(7) + "/join", null);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().get("participantNo").asInt()).isEqualTo(1);
        assertThat(joined.json().get("rewardPoints").asLong()).isEqualTo(40);
        Response again = api.asMember(alice).post("/api/v1/me" + activity.substring(7) + "/join", null);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("rewardPoints").asLong()).isZero();

        String bob = register("Bob");
        assertThat(api.post(activity + "/participants", "{\"memberId\":\"" + bob + "\"}")
                        .status())
                .isEqualTo(200);
        String carol = register("Carol");
        assertThat(api.post(activity + "/participants", "{\"memberId\":\"" + carol + "\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("ACTIVITY_FULL");

        // the reward is an available lot of the member, credited once
        Response points = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/members/" + alice + "/points"),
                        r -> r.json().get("available").asLong() == 40);
        assertThat(points.json().get("lifetimeEarned").asLong()).isEqualTo(40);
        Response participants = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get(activity + "/participants"),
                        r -> r.json().get("total").asInt() == 2);
        assertThat(participants.json().findValuesAsText("memberId")).containsExactly(alice, bob);
        String activityId = created.json().get("id").asText();
        assertThat(api.asMember(alice).get("/api/v1/me/activities").json().findValuesAsText("id"))
                .containsExactly(activityId);
        assertThat(api.get("/api/v1/members/" + bob + "/activities")
                        .json()
                        .get(0)
                        .get("participantNo")
                        .asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/members/" + carol + "/activities").json()).isEmpty();

        Response shrink =
                api.put(activity, terms("Tea tasting", now.minusSeconds(3600), now.plus(Duration.ofDays(2)), 1, 40));
        assertThat(shrink.status()).isEqualTo(422);
        assertThat(shrink.json().get("code").asText()).isEqualTo("CAPACITY_BELOW_PARTICIPANTS");
        Response grown =
                api.put(activity, terms("Tea tasting II", now.minusSeconds(3600), now.plus(Duration.ofDays(2)), 3, 40));
        assertThat(grown.status()).as(grown.toString()).isEqualTo(200);
        assertThat(grown.json().at("/terms/capacity").asInt()).isEqualTo(3);
        assertThat(api.post(activity + "/participants", "{\"memberId\":\"" + carol + "\"}")
                        .status())
                .isEqualTo(200);

        assertThat(api.post(activity + "/close", "{\"reason\":\"done\"}").status())
                .isEqualTo(200);
        String dave = register("Dave");
        assertThat(api.post(activity + "/participants", "{\"memberId\":\"" + dave + "\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("ACTIVITY_CLOSED");
        assertThat(api.post(activity + "/open", null).json().get("code").asText())
                .isEqualTo("ACTIVITY_CLOSED");
    }

    @Test
    void joinsOutsideTheWindowOrByUnknownMembersAreRefused() {
        Instant now = Instant.now();
        Response later = api.post(
                "/api/v1/activities", terms("Later", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), 5, 0));
        String activity = "/api/v1/activities/" + later.json().get("id").asText();
        api.post(activity + "/open", null);
        Response early = api.post(activity + "/participants", "{\"memberId\":\"" + register("Early") + "\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("code").asText()).isEqualTo("ACTIVITY_OUTSIDE_WINDOW");
        assertThat(api.post(activity + "/participants", "{\"memberId\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/activities/" + UUID.randomUUID() + "/participants",
                                "{\"memberId\":\"" + register("X") + "\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("ACTIVITY_NOT_FOUND");
    }

    @Test
    void badActivitiesAreRefusedAndChangeNothing() {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Instant now = Instant.now();
        Response backwards = api.post("/api/v1/activities", terms("Backwards", now, now.minusSeconds(1), 5, 0));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("code").asText()).isEqualTo("INVALID_ACTIVITY");
        Response noPlaces = api.post("/api/v1/activities", terms("None", now, now.plusSeconds(60), 0, 0));
        assertThat(noPlaces.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        Response negative = api.post("/api/v1/activities", terms("Negative", now, now.plusSeconds(60), 1, -5));
        assertThat(negative.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        Response level = api.post(
                "/api/v1/activities",
                "{\"name\":\"L\",\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(60)
                        + "\",\"levels\":[9],\"capacity\":1,\"rewardPoints\":0}");
        assertThat(level.json().get("code").asText()).isEqualTo("INVALID_ACTIVITY");
        assertThat(api.get("/api/v1/activities/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/activities/not-a-uuid").status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .isEqualTo(events);
    }

    private String register(String name) {
        return api.post("/api/v1/members", member(name, mobile(), null))
                .json()
                .get("id")
                .asText();
    }

    private static String terms(String name, Instant from, Instant to, int capacity, long reward) {
        return "{\"name\":\"" + name + "\",\"startsAt\":\"" + from + "\",\"endsAt\":\"" + to + "\",\"capacity\":"
                + capacity + ",\"rewardPoints\":" + reward + "}";
    }
}
