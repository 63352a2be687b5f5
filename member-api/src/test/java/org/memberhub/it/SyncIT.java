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
import java.sql.Timestamp;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sync with an external member system played by WireMock: creates, updates, deletes and conflicts won each way,
 * keyset paging, the incremental watermark and its overlap, a run failing mid-way and the next one resuming from its
 * last good watermark, a record that cannot be applied and its quarantine, one run at a time, and latest-wins decided
 * on profile edits only: not on purchases or freezes, not on the sync's own writes, ties to the external system.
 */
@PostgresIT
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SyncIT {

    private static final WireMockServer EXTERNAL = new WireMockServer(options().dynamicPort());
    private static final Duration OVERLAP = Duration.ofMinutes(5);

    static {
        EXTERNAL.start();
    }

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        registry.add("memberhub.sync.external.base-url", () -> "http://127.0.0.1:" + EXTERNAL.port() + "/crm");
        registry.add("memberhub.sync.external.token", () -> "s3cret");
        registry.add("memberhub.sync.external.page-size", () -> "2");
        registry.add("memberhub.sync.interval", () -> "0s");
        registry.add("memberhub.sync.overlap", () -> "5m");
        registry.add("memberhub.sync.quarantine-after", () -> "3");
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

        // run 2, incremental from the watermark less the overlap: every kind of decision
        String bOlder = record("CRM-b", "Bravo External", m2, t0.plusSeconds(6), false);
        String aNewer = record("CRM-a", "Alpha External", m1, later, false);
        String cNewer = record("CRM-c", "Charlie External", m3, later.plusSeconds(1), false);
        String dDeleted = record("CRM-d", "Delta", m4, later.plusSeconds(2), true);
        String e = record("CRM-e", "Echo", m5, later.plusSeconds(3), false);
        stub(t0.plusSeconds(5).minus(OVERLAP), null, page(true, x, bOlder));
        stub(t0.plusSeconds(6), "CRM-b", page(true, aNewer, cNewer));
        stub(later.plusSeconds(1), "CRM-c", page(false, dDeleted, e));

        JsonNode second = runToEnd("INCREMENTAL");
        assertThat(second.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.get("watermarkFrom").asText())
                .isEqualTo(t0.plusSeconds(5).minus(OVERLAP).toString());
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

        // each record's decision is kept, in the order read, with the member it concerned and why
        long secondId = second.get("id").asLong();
        JsonNode decided = decisions(secondId, "");
        assertThat(decided.get("total").asLong()).isEqualTo(6);
        assertThat(decided.get("items").findValuesAsText("externalId"))
                .containsExactly("CRM-x", "CRM-b", "CRM-a", "CRM-c", "CRM-d", "CRM-e");
        assertThat(decided.get("items").findValuesAsText("outcome"))
                .containsExactly(
                        "UNCHANGED",
                        "CONFLICT_WON_LOCALLY",
                        "UPDATED",
                        "CONFLICT_WON_EXTERNALLY",
                        "DELETED",
                        "CREATED");
        assertThat(decided.get("items").findValuesAsText("reason"))
                .containsExactly("NOTHING_TO_DO", "KEEP_LOCAL", "APPLY", "APPLY_OVER_LOCAL_EDIT", "APPLY", "APPLY");
        assertThat(decided.at("/items/0/memberId").isNull()).isTrue();
        assertThat(decided.at("/items/2/memberId").asText())
                .isEqualTo(alpha.get("id").toString());
        assertThat(decided.at("/items/5/memberId").asText())
                .isEqualTo(memberByRef("CRM-e").get("id").toString());
        assertThat(decided.at("/items/0/decidedAt").asText()).isNotBlank();
        JsonNode created = decisions(secondId, "decision=CREATED");
        assertThat(created.get("total").asLong()).isEqualTo(1);
        assertThat(created.get("items").findValuesAsText("externalId")).containsExactly("CRM-e");
        JsonNode secondPage = decisions(secondId, "page=1&size=2");
        assertThat(secondPage.get("total").asLong()).isEqualTo(6);
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("items").findValuesAsText("externalId")).containsExactly("CRM-a", "CRM-c");
        assertThat(decisions(secondId, "page=9&size=2").get("items")).isEmpty();
        assertThat(decisions(first.get("id").asLong(), "").get("items").findValuesAsText("outcome"))
                .containsExactly("CREATED", "CREATED", "CREATED", "CREATED", "UNCHANGED");

        // run 3 fails on its second page: what it applied stays, the watermark stays at its last good record
        String f = record("CRM-f", "Foxtrot", m6, later.plusSeconds(4), false);
        String g = record("CRM-g", "Golf", m7, later.plusSeconds(5), false);
        stub(later.plusSeconds(3).minus(OVERLAP), null, page(true, f, g));
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

        // run 4 resumes from there (g, applied by run 3, is skipped); a record that cannot be applied is reported and
        // holds the watermark back
        String hotel = record("CRM-h", "Hotel", "12", later.plusSeconds(6), false);
        stub(later.plusSeconds(5).minus(OVERLAP), null, page(false, g, hotel));
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
        JsonNode fourthDecisions = decisions(fourth.get("id").asLong(), "");
        assertThat(fourthDecisions.get("items").findValuesAsText("externalId")).containsExactly("CRM-g", "CRM-h");
        assertThat(fourthDecisions.get("items").findValuesAsText("outcome")).containsExactly("UNCHANGED", "FAILED");
        assertThat(fourthDecisions.get("items").findValuesAsText("reason"))
                .containsExactly("SKIP_ALREADY_APPLIED", "INVALID_PROFILE");
        assertThat(decisions(third.get("id").asLong(), "").get("items").findValuesAsText("externalId"))
                .as("a failed run keeps the decisions it took")
                .containsExactly("CRM-f", "CRM-g");
        EXTERNAL.verify(getRequestedFor(urlPathEqualTo("/crm/members"))
                .withQueryParam(
                        "updatedSince",
                        equalTo(later.plusSeconds(5).minus(OVERLAP).toString()))
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

    @Test
    @Order(3)
    void anExternalEditWinsOverLaterPurchasesFreezesAndTheSyncsOwnWrites() {
        Instant n = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String mp = mobile(), mq = mobile();
        JsonNode registered = runIncremental(
                record("CRM-p", "Papa", mp, n.minus(Duration.ofMinutes(50)), false),
                record("CRM-q", "Quebec", mq, n.minus(Duration.ofMinutes(49)), false));
        assertCounts(registered, 2, 0, 0, 0, 0, 0, 0);

        // after the external edits below were made, Papa buys something and is frozen and unfrozen here; Quebec's
        // only change here is the sync's own registration, also after them
        String papa = memberByRef("CRM-p").get("id").toString();
        long registeredVersion = ((Number) memberByRef("CRM-p").get("version")).longValue();
        assertThat(api.post("/api/v1/members/" + papa + "/purchases", "{\"orderId\":\"sync-p-1\",\"amount\":80.00}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/members/" + papa + "/freeze", "{\"reason\":\"card lost\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/members/" + papa + "/unfreeze", "{\"reason\":\"card found\"}")
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> member = memberByRef("CRM-p");
            return "ACTIVE".equals(member.get("status"))
                    && ((Number) member.get("version")).longValue() >= registeredVersion + 3;
        });

        JsonNode edited = runIncremental(
                record("CRM-p", "Papa External", mp, n.minus(Duration.ofMinutes(40)), false),
                record("CRM-q", "Quebec External", mq, n.minus(Duration.ofMinutes(39)), false));
        assertCounts(edited, 0, 2, 0, 0, 0, 0, 0);
        awaitName("CRM-p", "Papa External");
        awaitName("CRM-q", "Quebec External");
    }

    @Test
    @Order(4)
    void aLaterStaffEditWinsAndATieGoesToTheExternalSystem() {
        Instant n = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String mr = mobile(), ms = mobile();
        runIncremental(
                record("CRM-r", "Romeo", mr, n.minus(Duration.ofMinutes(30)), false),
                record("CRM-s", "Sierra", ms, n.minus(Duration.ofMinutes(29)), false));
        edit("CRM-r", "Romeo Local", mr);
        edit("CRM-s", "Sierra Local", ms);
        Instant sierraEdited = Instant.parse(jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number DESC LIMIT 1",
                String.class,
                memberByRef("CRM-s").get("id").toString()));

        JsonNode run = runIncremental(
                record("CRM-r", "Romeo External", mr, n.minus(Duration.ofMinutes(20)), false),
                record("CRM-s", "Sierra External", ms, sierraEdited, false));
        assertCounts(run, 0, 0, 0, 0, 1, 1, 0);
        awaitName("CRM-s", "Sierra External");
        assertThat(memberByRef("CRM-r").get("name")).isEqualTo("Romeo Local");
    }

    @Test
    @Order(5)
    void readsTheOverlapAgainWithoutApplyingAnythingTwice() {
        // the external system's clock is ahead of ours: its record is stamped after the staff edit made here later
        Instant ahead = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(2));
        String mu = mobile(), mv = mobile();
        String uniform = record("CRM-u", "Uniform", mu, ahead, false);
        runIncremental(uniform);
        edit("CRM-u", "Uniform Local", mu);
        long events = eventsOf("CRM-u");

        // read again from the watermark less the overlap: Uniform as it was, and Victor, stamped a little before it
        // but published only now
        String victor = record("CRM-v", "Victor", mv, ahead.minus(Duration.ofMinutes(1)), false);
        JsonNode again = runIncremental(victor, uniform);
        assertCounts(again, 1, 0, 0, 1, 0, 0, 0);
        assertThat(again.get("watermarkTo").asText()).isEqualTo(ahead.toString());
        EXTERNAL.verify(getRequestedFor(urlPathEqualTo("/crm/members"))
                .withQueryParam("updatedSince", equalTo(ahead.minus(OVERLAP).toString())));
        assertThat(memberByRef("CRM-v").get("name")).isEqualTo("Victor");
        assertThat(memberByRef("CRM-u").get("name")).isEqualTo("Uniform Local");
        assertThat(eventsOf("CRM-u")).as("nothing applied again").isEqualTo(events);
    }

    @Test
    @Order(6)
    void quarantinesARecordThatKeepsFailingAndMovesTheWatermarkPastIt() {
        Instant k = watermark().plus(Duration.ofMinutes(1));
        String bad = record("CRM-bad", "Broken", "12", k, false);
        String good = record("CRM-good", "Golfer", mobile(), k.plusSeconds(1), false);

        JsonNode first = runIncremental(bad, good);
        assertCounts(first, 1, 0, 0, 0, 0, 0, 1);
        assertThat(first.at("/counts/quarantined").asInt()).isZero();
        Instant pinned = Instant.parse(first.get("watermarkTo").asText());
        assertThat(pinned).isBefore(k);
        JsonNode second = runIncremental(bad, good);
        assertCounts(second, 0, 0, 0, 1, 0, 0, 1);
        assertThat(second.get("watermarkTo").asText()).isEqualTo(pinned.toString());

        JsonNode third = runIncremental(bad, good);
        assertCounts(third, 0, 0, 0, 1, 0, 0, 0);
        assertThat(third.at("/counts/quarantined").asInt()).isEqualTo(1);
        assertThat(third.get("watermarkTo").asText()).isEqualTo(k.plusSeconds(1).toString());
        JsonNode errors =
                api.get("/api/v1/sync/runs/" + third.get("id").asLong()).json().get("errors");
        assertThat(errors.findValuesAsText("code")).containsExactly("INVALID_PROFILE");

        JsonNode status = api.get("/api/v1/sync/status").json();
        assertThat(status.get("watermark").asText()).isEqualTo(k.plusSeconds(1).toString());
        assertThat(status.get("quarantinedTotal").asLong()).isEqualTo(1);
        JsonNode quarantined = status.at("/quarantined/0");
        assertThat(quarantined.get("externalId").asText()).isEqualTo("CRM-bad");
        assertThat(quarantined.get("externalUpdatedAt").asText()).isEqualTo(k.toString());
        assertThat(quarantined.get("code").asText()).isEqualTo("INVALID_PROFILE");
        assertThat(quarantined.get("attempts").asInt()).isEqualTo(3);
        assertThat(quarantined.get("lastRunId").asLong())
                .isEqualTo(third.get("id").asLong());

        // read again in the overlap it is skipped, not tried; a later version of it that can be applied ends it
        JsonNode skipped = runIncremental(bad, good);
        assertCounts(skipped, 0, 0, 0, 1, 0, 0, 0);
        assertThat(skipped.at("/counts/quarantined").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/sync/status")
                        .json()
                        .at("/quarantined/0/attempts")
                        .asInt())
                .isEqualTo(3);
        JsonNode mended = runIncremental(good, record("CRM-bad", "Broken", mobile(), k.plusSeconds(2), false));
        assertCounts(mended, 1, 0, 0, 1, 0, 0, 0);
        assertThat(api.get("/api/v1/sync/status").json().get("quarantinedTotal").asLong())
                .isZero();
    }

    @Test
    @Order(7)
    void aRefusedRecordLeavesNoPersonalDataInTheErrorTableOrTheLog(CapturedOutput output) {
        String held = mobile();
        api.post("/api/v1/members", "{\"name\":\"Holder\",\"mobile\":\"" + held + "\"}");
        Instant k = watermark().plus(Duration.ofMinutes(1));

        JsonNode run = runIncremental(record("CRM-clash", "Clash", held, k, false));

        JsonNode errors =
                api.get("/api/v1/sync/runs/" + run.get("id").asLong()).json().get("errors");
        assertThat(errors.findValuesAsText("code")).containsExactly("DUPLICATE_MOBILE");
        assertThat(errors.toString()).doesNotContain(held);
        assertThat(jdbc.queryForList("SELECT message FROM sync_run_error", String.class))
                .noneMatch(message -> message != null && message.contains(held));
        assertThat(output.getAll()).contains("CRM-clash").doesNotContain(held);
    }

    @Test
    @Order(8)
    void refusesAnUnknownRunAndBadPagingOfDecisions() {
        Response unknown = api.get("/api/v1/sync/runs/987654321/decisions");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("code").asText()).isEqualTo("SYNC_RUN_NOT_FOUND");
        long run = api.get("/api/v1/sync/runs").json().at("/items/0/id").asLong();
        for (String bad : List.of("size=0", "size=201", "page=-1", "decision=SOMETIMES", "page=x")) {
            Response refused = api.get("/api/v1/sync/runs/" + run + "/decisions?" + bad, "Accept-Language", "zh-CN");
            assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as(bad).startsWith("application/problem+json");
        }
    }

    @Test
    @Order(9)
    void deletesTheDecisionsOfRunsOlderThanTheRetentionAtTheEndOfARun() {
        Instant old = Instant.now().minus(Duration.ofDays(31));
        Long oldRun = jdbc.queryForObject(
                "INSERT INTO sync_run (run_trigger, run_mode, status, started_at, finished_at)"
                        + " VALUES ('SCHEDULED', 'INCREMENTAL', 'FAILED', ?, ?) RETURNING id",
                Long.class,
                Timestamp.from(old),
                Timestamp.from(old));
        jdbc.update(
                "INSERT INTO sync_run_decision (run_id, seq, external_id, outcome, reason, decided_at)"
                        + " VALUES (?, 1, 'CRM-old', 'UNCHANGED', 'NOTHING_TO_DO', ?)",
                oldRun,
                Timestamp.from(old));
        assertThat(decisions(oldRun, "").get("total").asLong()).isEqualTo(1);

        JsonNode run =
                runIncremental(record("CRM-kept", "Kilo", mobile(), watermark().plusSeconds(60), false));

        assertThat(decisions(oldRun, "").get("total").asLong())
                .as("past the retention")
                .isZero();
        assertThat(api.get("/api/v1/sync/runs/" + oldRun).status())
                .as("the run itself stays")
                .isEqualTo(200);
        assertThat(decisions(run.get("id").asLong(), "").get("items").findValuesAsText("externalId"))
                .containsExactly("CRM-kept");
    }

    private JsonNode decisions(long runId, String query) {
        Response answer = api.get("/api/v1/sync/runs/" + runId + "/decisions" + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** An incremental run reading, from the watermark less the overlap, one page of these records. */
    private JsonNode runIncremental(String... records) {
        Instant watermark = watermark();
        Instant from = watermark == null ? null : watermark.minus(OVERLAP);
        stub(from, null, page(false, records));
        JsonNode run = runToEnd("INCREMENTAL");
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        return run;
    }

    private Instant watermark() {
        JsonNode watermark = api.get("/api/v1/sync/status").json().get("watermark");
        return watermark == null || watermark.isNull() ? null : Instant.parse(watermark.asText());
    }

    private long eventsOf(String externalRef) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                memberByRef(externalRef).get("id").toString());
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
