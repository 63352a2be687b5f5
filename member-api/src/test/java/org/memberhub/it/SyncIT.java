package org.memberhub.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sync with an external member system played by WireMock: creates, updates, deletes and conflicts won each way,
 * keyset paging, the incremental watermark, a run failing mid-way and the next one resuming from its last good
 * watermark, a record that cannot be applied, and one run at a time.
 */
@PostgresIT
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncIT {

    private static final WireMockServer EXTERNAL = new WireMockServer(options().dynamicPort());

    static {
        EXTERNAL.start();
    }

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        registry.add("memberhub.sync.external.base-url", () -> "http://127.0.0.1:" + EXTERNAL.port() + "/crm");
        registry.add("memberhub.sync.external.token", () -> "s3cret");
        registry.add("memberhub.sync.external.page-size", () -> "2");
        registry.add("memberhub.sync.interval", () -> "0s");
    }

    @AfterAll
    static void stopExternal() {
        EXTERNAL.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void replaysExternalChangesAsCommandsWithLatestWinsAndResumesAfterAFailure() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(1));
        String m1 = mobile(), m2 = mobile(), m3 = mobile(), m4 = mobile(), m5 = mobile(), m6 = mobile(), m7 = mobile();

        // run 1, full: three pages of two
        String a = record("CRM-a", "Alpha", m1, t0.plusSeconds(1), false);
        String b = record("CRM-b", "Bravo", m2, t0.plusSeconds(2), false);
        String c = record("CRM-c", "Charlie", m3, t0.plusSeconds(3), false);
        String d = record("CRM-d", "Delta", m4, t0.plusSeconds(4), false);
        String x = record("CRM-x", "Gone", mobile(), t0.plusSeconds(5), true);
        stub(null, null, page(true, a, b));
        stub(t0.plusSeconds(2), "CRM-b", page(true, c, d));
        stub(t0.plusSeconds(4), "CRM-d", page(false, x));

        JsonNode first = runToEnd("FULL");
        assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
        assertCounts(first, 4, 0, 0, 1, 0, 0, 0);
        assertThat(first.get("watermarkTo").asText())
                .isEqualTo(t0.plusSeconds(5).toString());
        EXTERNAL.verify(getRequestedFor(urlPathEqualTo("/crm/members"))
                .withHeader("Authorization", equalTo("Bearer s3cret"))
                .withQueryParam("size", equalTo("2")));
        Map<String, Object> alpha = memberByRef("CRM-a");
        assertThat(alpha.get("name")).isEqualTo("Alpha");
        assertThat(alpha.get("mobile")).isEqualTo(m1);
        assertThat(memberByRef("CRM-x")).isNull();
        String metadata = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND sequence_number = 0",
                String.class,
                alpha.get("id").toString());
        assertThat(metadata)
                .contains(
                        "\"source\":\"sync\"",
                        "\"syncRun\":\"" + first.get("id").asLong() + "\"");

        // local changes to Bravo and Charlie after run 1
        edit("CRM-b", "Bravo Local", m2);
        edit("CRM-c", "Charlie Local", m3);

        // run 2, incremental from the watermark: every kind of decision
        String bOlder = record("CRM-b", "Bravo External", m2, t0.plusSeconds(6), false);
        String aNewer = record("CRM-a", "Alpha External", m1, later, false);
        String cNewer = record("CRM-c", "Charlie External", m3, later.plusSeconds(1), false);
        String dDeleted = record("CRM-d", "Delta", m4, later.plusSeconds(2), true);
        String e = record("CRM-e", "Echo", m5, later.plusSeconds(3), false);
        stub(t0.plusSeconds(5), null, page(true, x, bOlder));
        stub(t0.plusSeconds(6), "CRM-b", page(true, aNewer, cNewer));
        stub(later.plusSeconds(1), "CRM-c", page(false, dDeleted, e));

        JsonNode second = runToEnd("INCREMENTAL");
        assertThat(second.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.get("watermarkFrom").asText())
                .isEqualTo(t0.plusSeconds(5).toString());
        assertCounts(second, 1, 1, 1, 1, 1, 1, 0);
        assertThat(second.get("watermarkTo").asText())
                .isEqualTo(later.plusSeconds(3).toString());
        awaitName("CRM-a", "Alpha External");
        awaitName("CRM-c", "Charlie External");
        assertThat(memberByRef("CRM-b").get("name"))
                .as("the later local change wins")
                .isEqualTo("Bravo Local");
        assertThat(memberByRef("CRM-d").get("status")).isEqualTo("DELETED");
        assertThat(memberByRef("CRM-e").get("name")).isEqualTo("Echo");

        // run 3 fails on its second page: what it applied stays, the watermark stays at its last good record
        String f = record("CRM-f", "Foxtrot", m6, later.plusSeconds(4), false);
        String g = record("CRM-g", "Golf", m7, later.plusSeconds(5), false);
        stub(later.plusSeconds(3), null, page(true, f, g));
        EXTERNAL.stubFor(members(later.plusSeconds(5), "CRM-g")
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        JsonNode third = runToEnd("INCREMENTAL");
        assertThat(third.get("status").asText()).isEqualTo("FAILED");
        assertThat(third.get("error").asText()).contains("503");
        assertCounts(third, 2, 0, 0, 0, 0, 0, 0);
        assertThat(third.get("watermarkTo").asText())
                .isEqualTo(later.plusSeconds(5).toString());
        assertThat(memberByRef("CRM-f")).isNotNull();
        assertThat(api.get("/api/v1/sync/status").json().get("watermark").asText())
                .isEqualTo(later.plusSeconds(5).toString());
        assertThat(metric("memberhub.sync.runs", "status:failed")).isEqualTo(1.0);

        // run 4 resumes from there; a record that cannot be applied is reported and holds the watermark back
        String hotel = record("CRM-h", "Hotel", "12", later.plusSeconds(6), false);
        stub(later.plusSeconds(5), null, page(false, g, hotel));
        JsonNode fourth = runToEnd("INCREMENTAL");
        assertThat(fourth.get("status").asText()).isEqualTo("SUCCEEDED");
        assertCounts(fourth, 0, 0, 0, 1, 0, 0, 1);
        assertThat(fourth.get("watermarkTo").asText())
                .isEqualTo(later.plusSeconds(5).toString());
        JsonNode errors =
                api.get("/api/v1/sync/runs/" + fourth.get("id").asLong()).json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.at("/0/externalId").asText()).isEqualTo("CRM-h");
        assertThat(errors.at("/0/code").asText()).isEqualTo("INVALID_PROFILE");
        EXTERNAL.verify(getRequestedFor(urlPathEqualTo("/crm/members"))
                .withQueryParam("updatedSince", equalTo(later.plusSeconds(5).toString()))
                .withQueryParam("afterId", absent()));

        JsonNode history = api.get("/api/v1/sync/runs").json();
        assertThat(history.get("total").asLong()).isEqualTo(4);
        assertThat(history.get("items").findValuesAsText("status"))
                .containsExactly("SUCCEEDED", "FAILED", "SUCCEEDED", "SUCCEEDED");
        JsonNode status = api.get("/api/v1/sync/status").json();
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.get("running").isNull()).isTrue();
        assertThat(status.at("/lastRun/id").asLong()).isEqualTo(fourth.get("id").asLong());
    }

    @Test
    @Order(2)
    void runsOneAtATime() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        StubMapping slow = EXTERNAL.stubFor(members(null, null)
                .atPriority(1)
                .willReturn(okJson(page(false, record("CRM-slow", "Slow", mobile(), t, false)))
                        .withFixedDelay(2_000)));
        Response started = api.post("/api/v1/sync/runs", "{\"mode\":\"FULL\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location"))
                .endsWith("/api/v1/sync/runs/" + started.json().get("id").asLong());
        assertThat(started.json().get("requestedBy").asText()).isEqualTo("admin");

        Response second = api.post("/api/v1/sync/runs", "{\"mode\":\"FULL\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("SYNC_ALREADY_RUNNING");
        assertThat(api.get("/api/v1/sync/status").json().at("/running/id").asLong())
                .isEqualTo(started.json().get("id").asLong());
        awaitEnd(started.json().get("id").asLong());
        assertThat(api.post("/api/v1/sync/runs", "{\"mode\":\"SIDEWAYS\"}").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/sync/runs/999999").status()).isEqualTo(404);
        assertThat(api.as("staff").post("/api/v1/sync/runs", null).status()).isEqualTo(403);
        EXTERNAL.removeStub(slow);
    }

    private JsonNode runToEnd(String mode) {
        Response started = api.post("/api/v1/sync/runs", "{\"mode\":\"" + mode + "\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return awaitEnd(started.json().get("id").asLong());
    }

    private JsonNode awaitEnd(long runId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/sync/runs/" + runId).json(),
                        run -> !run.get("status").asText().equals("RUNNING"));
    }

    private void edit(String externalRef, String name, String mobile) {
        Map<String, Object> member = memberByRef(externalRef);
        Response edited = api.put(
                "/api/v1/members/" + member.get("id"),
                "{\"name\":\"" + name + "\",\"mobile\":\"" + mobile + "\",\"externalRef\":\"" + externalRef + "\","
                        + "\"tags\":[\"crm\"]}",
                "If-Match",
                "\"" + member.get("version") + "\"");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        awaitName(externalRef, name);
    }

    private void awaitName(String externalRef, String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> member = memberByRef(externalRef);
            return member != null && name.equals(member.get("name"));
        });
    }

    private Map<String, Object> memberByRef(String externalRef) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT id, name, mobile, status, version FROM members WHERE external_ref = ?"
                        + " ORDER BY status = 'DELETED', updated_at DESC",
                externalRef);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static void assertCounts(
            JsonNode run,
            int created,
            int updated,
            int deleted,
            int unchanged,
            int conflictsWonLocally,
            int conflictsWonExternally,
            int failed) {
        JsonNode counts = run.get("counts");
        assertThat(List.of(
                        counts.get("created").asInt(),
                        counts.get("updated").asInt(),
                        counts.get("deleted").asInt(),
                        counts.get("unchanged").asInt(),
                        counts.get("conflictsWonLocally").asInt(),
                        counts.get("conflictsWonExternally").asInt(),
                        counts.get("failed").asInt()))
                .as(run.toString())
                .containsExactly(
                        created, updated, deleted, unchanged, conflictsWonLocally, conflictsWonExternally, failed);
    }

    private double metric(String name, String tag) {
        return api.get("/metrics/" + name + "?tag=" + tag)
                .json()
                .at("/measurements/0/value")
                .asDouble();
    }

    private static void stub(Instant updatedSince, String afterId, String body) {
        EXTERNAL.stubFor(members(updatedSince, afterId).willReturn(okJson(body)));
    }

    private static MappingBuilder members(Instant updatedSince, String afterId) {
        return get(urlPathEqualTo("/crm/members"))
                .withQueryParam("updatedSince", updatedSince == null ? absent() : equalTo(updatedSince.toString()))
                .withQueryParam("afterId", afterId == null ? absent() : equalTo(afterId));
    }

    private static String page(boolean hasMore, String... records) {
        return "{\"items\":[" + String.join(",", records) + "],\"hasMore\":" + hasMore + "}";
    }

    private static String record(String externalId, String name, String mobile, Instant updatedAt, boolean deleted) {
        return "{\"externalId\":\"" + externalId + "\",\"name\":\"" + name + "\",\"mobile\":\"" + mobile
                + "\",\"email\":null,\"gender\":\"UNDISCLOSED\",\"birthday\":null,\"address\":null,"
                + "\"tags\":[\"crm\"],\"updatedAt\":\"" + updatedAt + "\",\"deleted\":" + deleted + "}";
    }
}
