package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The event store's schema on PostgreSQL, and member snapshots written and read back with Jackson. */
@PostgresIT
@TestPropertySource(properties = "memberhub.command.snapshot-threshold=3")
class EventStoreIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storesSerializedDataAsByteaNeverAsLargeObjects() {
        List<Map<String, Object>> columns = jdbc.queryForList(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND column_name IN ('payload', 'meta_data', 'token', 'diagnostics')");

        assertThat(columns)
                .extracting(column -> column.get("table_name") + "." + column.get("column_name"))
                .contains(
                        "domain_event_entry.payload",
                        "domain_event_entry.meta_data",
                        "snapshot_event_entry.payload",
                        "snapshot_event_entry.meta_data",
                        "token_entry.token",
                        "dead_letter_entry.payload");
        assertThat(columns)
                .allSatisfy(column -> assertThat(column.get("data_type")).isEqualTo("bytea"));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'oid'",
                        Integer.class))
                .isZero();
    }

    @Test
    void takesTheGlobalIndexFromItsOwnSequence() {
        String columnDefault = jdbc.queryForObject(
                "SELECT column_default FROM information_schema.columns"
                        + " WHERE table_name = 'domain_event_entry' AND column_name = 'global_index'",
                String.class);

        assertThat(columnDefault).contains("nextval('domain_event_entry_seq'");
    }

    @Test
    void snapshotsAMemberAndLoadsItBackFromTheSnapshot() throws Exception {
        String mobile = mobile();
        Response created = api.post("/api/v1/members", member("Snap 0", mobile, null, "a"));
        String id = created.json().get("id").asText();
        for (int i = 1; i <= 5; i++) {
            Response updated = api.put(
                    "/api/v1/members/" + id, member("Snap " + i, mobile, null, "a"), "If-Match", "\"" + (i - 1) + "\"");
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                                Integer.class,
                                id)
                        > 0);
        String snapshot = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                String.class,
                id);
        JsonNode state = new ObjectMapper().readTree(snapshot);
        assertThat(state.get("memberId").asText()).isEqualTo(id);
        assertThat(state.get("profile").get("$subject").asText())
                .as("the profile in a snapshot is encrypted with the member's key")
                .isEqualTo(id);
        assertThat(snapshot).doesNotContain(mobile).doesNotContain("Snap ");

        // the aggregate now loads from the snapshot and still knows its exact version and state
        Response afterSnapshot =
                api.put("/api/v1/members/" + id, member("Snap 6", mobile, null, "b"), "If-Match", "\"5\"");
        assertThat(afterSnapshot.status()).as(afterSnapshot.toString()).isEqualTo(200);
        assertThat(afterSnapshot.json().get("version").asLong()).isEqualTo(6);
        assertThat(afterSnapshot.json().get("joinedAt").asText())
                .isEqualTo(created.json().get("joinedAt").asText());
        assertThat(api.put("/api/v1/members/" + id, member("Snap 7", mobile, null), "If-Match", "\"5\"")
                        .status())
                .isEqualTo(412);
    }

    @Test
    void storesEventsAsVersionedJson() throws Exception {
        String mobile = mobile();
        String id = api.post("/api/v1/members", member("Json", mobile, null))
                .json()
                .get("id")
                .asText();

        Map<String, Object> event = jdbc.queryForMap(
                "SELECT payload_type, payload_revision, convert_from(payload, 'UTF8') AS json FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 0",
                id);

        assertThat(event.get("payload_type")).isEqualTo("org.memberhub.kernel.member.MemberRegisteredEvent");
        assertThat(event.get("payload_revision")).isEqualTo("1");
        JsonNode payload = new ObjectMapper().readTree((String) event.get("json"));
        assertThat(payload.get("memberId").asText()).isEqualTo(id);
        assertThat(payload.get("level").asInt()).isEqualTo(1);
        assertThat(payload.get("profile").get("$sealed").asText())
                .as("the profile is personal data, stored encrypted")
                .isNotBlank();
        assertThat((String) event.get("json")).doesNotContain(mobile);
        assertThat(api.get("/api/v1/members/" + id + "/history")
                        .json()
                        .at("/items/0/payload/profile/name")
                        .asText())
                .isEqualTo("Json");
    }
}
