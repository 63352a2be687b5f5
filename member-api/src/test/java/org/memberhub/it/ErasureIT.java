package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberhub.command.cache.StreamCheckedRepository;
import org.memberhub.command.member.Member;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The right to be forgotten: after erasure no personal datum of the member is readable in any table (events, snapshots
 * and dead letters included), API response, export or log line, while the member's history, points and level stay.
 */
@PostgresIT
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"memberhub.command.snapshot-threshold=3"})
class ErasureIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Repository<Member> memberRepository;

    @Test
    void erasureLeavesNoPersonalDatumAnywhereButKeepsHistoryPointsAndLevel(CapturedOutput output) {
        String marker = marker();
        String name = "Forget " + marker;
        String mobile = mobile();
        String email = marker + "@erase.example.com";
        String address = "Erasure Road " + marker;
        String notes = "prefers " + marker;
        String externalRef = "X" + marker;
        String newName = "Renamed " + marker;
        List<String> personal = List.of(marker, mobile, email);

        String id = api.post(
                        "/api/v1/members",
                        "{\"name\":\"" + name + "\",\"mobile\":\"" + mobile + "\",\"email\":\"" + email
                                + "\",\"birthday\":\"1990-04-02\",\"address\":\"" + address + "\",\"notes\":\""
                                + notes + "\",\"tags\":[\"" + marker + "\"],\"externalRef\":\"" + externalRef + "\"}")
                .json()
                .get("id")
                .asText();
        String path = "/api/v1/members/" + id;
        api.post(path + "/purchases", "{\"orderId\":\"e-1\",\"amount\":2500.00}");
        api.post(path + "/points/adjust", "{\"points\":70,\"reason\":\"goodwill\"}");
        api.put(
                path,
                "{\"name\":\"" + newName + "\",\"mobile\":\"" + mobile + "\",\"email\":\"" + email + "\",\"tags\":[\""
                        + marker + "\"]}");
        api.asMember(id).post("/api/v1/me/check-in", null);
        api.post(path + "/freeze", "{\"reason\":\"on request\"}");
        Instant beforeErasure = Instant.now();

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, id))
                .as("the member was snapshotted, with its profile")
                .isPositive();
        List<String> readable = await().atMost(Duration.ofSeconds(20))
                .until(() -> rowsContaining(personal), rows -> rows.stream()
                        .anyMatch(row -> row.startsWith("members:")));
        assertThat(readable)
                .as("the read models hold the profile readable")
                .anyMatch(row -> row.startsWith("members:"));
        assertThat(readable)
                .as("events and snapshots hold the profile encrypted only")
                .noneMatch(row -> row.startsWith("domain_event_entry") || row.startsWith("snapshot_event_entry"));
        JsonNode stateBefore = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(path + "/state").json(),
                        state -> state.at("/profile/name").asText().equals(newName));
        JsonNode pointsBefore = stateBefore.get("points");
        JsonNode levelBefore = stateBefore.get("level");
        long auditRowsBefore = auditRows(id);
        assertThat(((StreamCheckedRepository<?>) memberRepository).isCached(id))
                .as("loaded members stay in memory")
                .isTrue();

        Response erased = api.post(path + "/erase", "{\"reason\":\"PIPL request 42\"}");
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(((StreamCheckedRepository<?>) memberRepository).isCached(id))
                .as("an erased member leaves the aggregate cache")
                .isFalse();
        assertThat(erased.json().get("status").asText()).isEqualTo("DELETED");
        assertThat(erased.body()).doesNotContain(marker).doesNotContain(mobile);
        String token = erased.header(TOKEN);

        // read models: the member row keeps no personal column, the member is out of lists and searches
        await().atMost(Duration.ofSeconds(20)).until(() -> auditRows(id) == auditRowsBefore + 1);
        assertThat(api.get(path, TOKEN, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/members?q=" + marker).json().get("total").asLong())
                .isZero();
        assertThat(api.get("/api/v1/members?tag=" + marker).json().get("total").asLong())
                .isZero();

        // history and state: everything is still there but the personal data
        JsonNode history = api.get(path + "/history?size=500").json();
        assertThat(history.findValuesAsText("type"))
                .contains("MemberRegistered", "MemberProfileUpdated", "PurchaseRecorded", "MemberErased");
        assertThat(history.at("/items/0/payload/profile/name").asText()).isEmpty();
        JsonNode erasure = history.get("items").get(history.get("items").size() - 1);
        assertThat(erasure.get("type").asText()).isEqualTo("MemberErased");
        assertThat(erasure.get("actorName").asText()).isEqualTo("admin");
        assertThat(erasure.get("reason").asText()).isEqualTo("PIPL request 42");
        JsonNode stateAsOfBefore =
                api.get(path + "/state?asOf=" + beforeErasure).json();
        assertThat(stateAsOfBefore.at("/profile/name").asText()).isEmpty();
        assertThat(stateAsOfBefore.get("points")).isEqualTo(pointsBefore);
        assertThat(stateAsOfBefore.get("level")).isEqualTo(levelBefore);
        JsonNode stateNow = api.get(path + "/state").json();
        assertThat(stateNow.get("status").asText()).isEqualTo("DELETED");
        assertThat(stateNow.get("points")).isEqualTo(pointsBefore);

        List<String> responses = new ArrayList<>();
        responses.add(history.toString());
        responses.add(stateAsOfBefore.toString());
        responses.add(stateNow.toString());
        responses.add(api.get("/api/v1/audit/log?memberId=" + id + "&size=500").body());
        responses.add(api.get("/api/v1/audit/log.csv?memberId=" + id).body());
        responses.add(api.get("/api/v1/audit/log.csv").body());
        responses.add(api.get(path + "/points/ledger?size=500").body());
        responses.add(api.get(path + "/level/history").body());
        responses.add(api.get("/api/v1/members?size=100").body());
        responses.add(api.get("/api/v1/admin/projections").body());
        for (String response : responses) {
            for (String datum : personal) {
                assertThat(response).doesNotContain(datum);
            }
        }

        // tables: no row of any table holds a personal datum in any column, binary ones decoded
        assertThat(rowsContaining(personal)).isEmpty();
        // balances and totals in the read models are those from before
        Map<String, Object> balance = jdbc.queryForMap(
                "SELECT available, pending, lifetime_earned FROM points_balances WHERE member_id = ?::uuid", id);
        assertThat(balance.get("available"))
                .isEqualTo(pointsBefore.get("available").asLong());
        assertThat(balance.get("pending")).isEqualTo(pointsBefore.get("pending").asLong());

        // a replay reads the events again and still finds nothing personal
        assertThat(api.post("/api/v1/admin/projections/members/replay", null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/admin/projections/members").json(),
                        status -> status.get("state").asText().equals("RUNNING")
                                && status.at("/replay/progress").asDouble() == 1.0);
        assertThat(rowsContaining(personal)).isEmpty();

        // erasure is final, the values are free for others, nothing was logged
        Response again = api.post(path + "/erase", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("MEMBER_ALREADY_ERASED");
        assertThat(api.post(
                                "/api/v1/members",
                                "{\"name\":\"Someone else\",\"mobile\":\"" + mobile + "\",\"email\":\"" + email + "\"}")
                        .status())
                .isEqualTo(201);
        JsonNode report = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/admin/consistency").json(),
                        r -> r.get("membersBehind").asInt() == 0);
        assertThat(report.get("driftCount").asInt()).as(report.toString()).isZero();
        for (String datum : personal) {
            assertThat(output.getAll()).doesNotContain(datum);
        }
    }

    /** "table: row" for every row of every table in the database that contains one of the values. */
    private List<String> rowsContaining(List<String> values) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList(
                "SELECT table_schema, table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')");
        for (Map<String, Object> table : tables) {
            String qualified = table.get("table_schema") + ".\"" + table.get("table_name") + "\"";
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + qualified)) {
                StringBuilder text = new StringBuilder();
                for (Object value : row.values()) {
                    text.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value)
                            .append('|');
                }
                String rowText = text.toString();
                if (values.stream().anyMatch(rowText::contains)) {
                    found.add(table.get("table_name") + ": " + rowText);
                }
            }
        }
        return found;
    }

    private long auditRows(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE member_id = ?::uuid", Long.class, id);
    }
}
