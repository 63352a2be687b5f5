package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.Member;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A snapshot written by another version of the aggregate (another {@code @Revision}) is never loaded: the member is
 * rebuilt from its events instead, so a field the old version did not have (or had in another shape) cannot come back
 * empty and, for instance, make an order that was already recorded look new. Shown with a snapshot whose recorded
 * orders were altered: under another revision it is ignored and the order is still a duplicate; under the current one
 * (the control) the same snapshot is used and the order looks new.
 */
@PostgresIT
@DirtiesContext
@TestPropertySource(
        properties = {
            "memberhub.command.snapshot-threshold=3",
            // every command loads the member from the store, so that the snapshot is what it starts from
            "memberhub.command.aggregate-cache-size=0"
        })
class SnapshotRevisionIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSnapshotOfAnotherRevisionIsIgnored() {
        Snapshotted member = snapshottedMember();
        jdbc.update(
                "UPDATE snapshot_event_entry SET payload_revision = ? WHERE aggregate_identifier = ?",
                "0-other",
                member.id());

        Response again = purchase(member.id(), member.forgottenOrder());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean())
                .as("rebuilt from the events, the member knows the order")
                .isTrue();
    }

    @Test
    void controlASnapshotOfTheCurrentRevisionIsUsed() {
        Snapshotted member = snapshottedMember();

        Response again = purchase(member.id(), member.forgottenOrder());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean())
                .as("the altered snapshot is what the member starts from")
                .isFalse();
    }

    private record Snapshotted(String id, String forgottenOrder) {}

    /** A member with a snapshot of the current revision in which its first order was replaced by another. */
    private Snapshotted snapshottedMember() {
        String id = api.post("/api/v1/members", member("Snapshot", mobile(), null))
                .json()
                .get("id")
                .asText();
        String run = marker();
        String first = "snap-" + run + "-a";
        for (String order : new String[] {first, "snap-" + run + "-b", "snap-" + run + "-c", "snap-" + run + "-d"}) {
            assertThat(purchase(id, order).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofMinutes(1))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                                Long.class,
                                id)
                        == 1);
        assertThat(jdbc.queryForObject(
                        "SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        id))
                .as("snapshots carry the aggregate's revision")
                .isEqualTo(Member.class.getAnnotation(Revision.class).value());
        String payload = new String(
                jdbc.queryForObject(
                        "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ?", byte[].class, id),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"" + first + "\"");
        // as a version whose fields differ would read it: the first order is not among the recorded ones
        jdbc.update(
                "UPDATE snapshot_event_entry SET payload = ? WHERE aggregate_identifier = ?",
                payload.replace("\"" + first + "\"", "\"snap-" + run + "-z\"").getBytes(StandardCharsets.UTF_8),
                id);
        return new Snapshotted(id, first);
    }

    private Response purchase(String memberId, String orderId) {
        return api.post(
                "/api/v1/members/" + memberId + "/purchases", "{\"orderId\":\"" + orderId + "\",\"amount\":10.00}");
    }
}
