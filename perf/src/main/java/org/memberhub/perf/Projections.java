package org.memberhub.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The application's processing groups, through its admin API: status, catching up, replays. */
final class Projections {

    /**
     * A processing group as the admin API shows it.
     *
     * @param name the group
     * @param state RUNNING, REPLAY_PENDING, REPLAYING, ERROR or STOPPED
     * @param head newest event in the store
     * @param lagEvents events the group has not handled yet
     * @param parkedEvents events in its dead-letter queue
     * @param replayProgress progress of its last replay, 0 to 1; null when it never replayed
     * @param replayResetPosition the position up to which the last replay replays
     */
    record Group(
            String name,
            String state,
            long head,
            long lagEvents,
            long parkedEvents,
            Double replayProgress,
            Long replayResetPosition) {

        static Group of(JsonNode node) {
            JsonNode replay = node.get("replay");
            boolean replayed = replay != null && !replay.isNull();
            return new Group(
                    node.get("name").asText(),
                    node.get("state").asText(),
                    node.path("head").asLong(0),
                    node.path("lagEvents").asLong(0),
                    node.path("parkedEvents").asLong(0),
                    replayed ? replay.path("progress").asDouble() : null,
                    replayed && replay.hasNonNull("resetPosition")
                            ? replay.get("resetPosition").asLong()
                            : null);
        }
    }

    private final Api api;
    private final String token;

    Projections(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    List<Group> groups() throws IOException, InterruptedException {
        Api.Response response = api.get("/api/v1/admin/projections", token);
        if (response.status() != 200) {
            throw new IllegalStateException("projection status answered " + response.status());
        }
        List<Group> groups = new ArrayList<>();
        response.json().forEach(node -> groups.add(Group.of(node)));
        return groups;
    }

    Group group(String name) throws IOException, InterruptedException {
        Api.Response response = api.get("/api/v1/admin/projections/" + name, token);
        if (response.status() != 200) {
            throw new IllegalStateException("status of " + name + " answered " + response.status());
        }
        return Group.of(response.json());
    }

    /** Waits until every group has handled every event in the store. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        Poll.until("every read model to catch up", timeout, Duration.ofMillis(250), () -> groups().stream()
                .allMatch(group -> group.lagEvents() == 0));
    }

    /** Asks for a replay of the group; answers with the head of the store when asked. */
    void requestReplay(String name) throws IOException, InterruptedException {
        Api.Response response = api.post("/api/v1/admin/projections/" + name + "/replay", token, null);
        if (response.status() != 202) {
            throw new IllegalStateException(
                    "replay of " + name + " answered " + response.status() + " " + response.body());
        }
    }

    /** A replay is done when it has reached its reset position, the group runs and has nothing left to handle. */
    static boolean replayed(Group group) {
        return group.state().equals("RUNNING")
                && group.replayProgress() != null
                && group.replayProgress() >= 1.0
                && group.lagEvents() == 0;
    }
}
