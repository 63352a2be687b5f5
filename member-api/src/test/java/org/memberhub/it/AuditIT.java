package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** What auditors see: a member's history, its state as of any instant, and the global audit log with CSV export. */
@PostgresIT
class AuditIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Test
    void historyTellsWhoDidWhatThroughWhichChannelAndWhy() {
        String id = api.as("staff")
                .post("/api/v1/members", member("History", mobile(), null))
                .json()
                .get("id")
                .asText();
        String member = "/api/v1/members/" + id;
        api.as("orders").post(member + "/purchases", "{\"orderId\":\"h-1\",\"amount\":600.00}");
        Response adjusted = api.as("staff").post(member + "/points/adjust", "{\"points\":25,\"reason\":\"apology\"}");
        Response frozen = api.as("admin").post(member + "/freeze", "{\"reason\":\"=HYPERLINK(\\\"x\\\")\"}");

        JsonNode history = api.as("auditor").get(member + "/history").json();
        assertThat(history.get("total").asLong()).isEqualTo(6);
        assertThat(history.get("items").findValuesAsText("type"))
                .containsExactly(
                        "MemberRegistered",
                        "PurchaseRecorded",
                        "PointsEarned",
                        "LevelUpgraded",
                        "PointsAdjusted",
                        "MemberFrozen");
        JsonNode purchase = history.at("/items/1");
        assertThat(purchase.get("sequence").asLong()).isEqualTo(1);
        assertThat(purchase.get("actorName").asText()).isEqualTo("orders");
        assertThat(purchase.get("actorRoles").asText()).isEqualTo("order-service");
        assertThat(purchase.get("source").asText()).isEqualTo("api");
        assertThat(purchase.get("correlationId").asText()).isNotBlank();
        assertThat(purchase.at("/payload/amount").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(history.at("/items/2/correlationId").asText())
                .as("events of one command share its correlation id")
                .isEqualTo(purchase.get("correlationId").asText());
        assertThat(history.at("/items/3/reason").asText()).isEqualTo("purchase h-1");
        assertThat(history.at("/items/4/actorName").asText()).isEqualTo("staff");
        assertThat(history.at("/items/4/reason").asText()).isEqualTo("apology");
        assertThat(history.at("/items/0/actorId").asText()).isNotBlank();

        JsonNode secondPage =
                api.as("auditor").get(member + "/history?page=1&size=4").json();
        assertThat(secondPage.get("items").findValuesAsText("type")).containsExactly("PointsAdjusted", "MemberFrozen");
        assertThat(api.as("auditor")
                        .get("/api/v1/members/0190f2a4-1c3e-7a00-8000-00000000dead/history")
                        .status())
                .isEqualTo(404);

        // state as of just before the adjustment: the purchase is there, the 25 points and the freeze are not
        Instant beforeAdjustment =
                Instant.parse(history.at("/items/4/timestamp").asText()).minusMillis(1);
        JsonNode then = api.as("auditor")
                .get(member + "/state?asOf=" + beforeAdjustment)
                .json();
        assertThat(then.get("version").asLong()).isEqualTo(3);
        assertThat(then.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(then.at("/points/pending").asLong()).isEqualTo(600);
        assertThat(then.at("/points/available").asLong()).isZero();
        assertThat(then.at("/level/level").asInt()).isEqualTo(2);
        assertThat(then.at("/level/netSpend").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(then.at("/lots/0/remaining").asLong()).isEqualTo(600);
        JsonNode now = api.as("auditor").get(member + "/state").json();
        assertThat(now.get("status").asText()).isEqualTo("FROZEN");
        assertThat(now.at("/points/available").asLong()).isEqualTo(25);
        assertThat(api.as("auditor")
                        .get(member + "/state?asOf=2001-01-01T00:00:00Z")
                        .status())
                .isEqualTo(404);

        // the global audit log, once its projection has caught up
        waitForAuditLog(id, 6);
        JsonNode byMember =
                api.as("auditor").get("/api/v1/audit/log?memberId=" + id).json();
        assertThat(byMember.get("total").asLong()).isEqualTo(6);
        assertThat(byMember.at("/items/0/eventType").asText())
                .as("newest first")
                .isEqualTo("MemberFrozen");
        assertThat(api.as("auditor")
                        .get("/api/v1/audit/log?memberId=" + id + "&eventType=PointsAdjusted")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.as("auditor")
                        .get("/api/v1/audit/log?memberId=" + id + "&actor=orders")
                        .json()
                        .get("items")
                        .findValuesAsText("eventType"))
                .containsExactlyInAnyOrder("PurchaseRecorded", "PointsEarned", "LevelUpgraded");
        Instant adjustedAt = Instant.parse(history.at("/items/4/timestamp").asText());
        assertThat(api.as("auditor")
                        .get("/api/v1/audit/log?memberId=" + id + "&from=" + adjustedAt + "&to="
                                + adjustedAt.plusMillis(1))
                        .json()
                        .get("items")
                        .findValuesAsText("eventType"))
                .containsExactly("PointsAdjusted");

        Response csv = api.as("auditor").get("/api/v1/audit/log.csv?memberId=" + id);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("audit-log.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("global_index,occurred_at,member_id,sequence,event_type");
        assertThat(lines.get(1)).contains(",MemberRegistered,", ",staff,");
        assertThat(lines.get(6)).contains(",MemberFrozen,").contains("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(adjusted.status()).isEqualTo(200);
        assertThat(frozen.status()).isEqualTo(200);
    }

    @Test
    void refusesImpossibleFilters() {
        Response reversed =
                api.as("auditor").get("/api/v1/audit/log?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("code").asText()).isEqualTo("INVALID_FILTER");
        assertThat(api.as("auditor")
                        .get("/api/v1/audit/log?eventType=Drop;Table")
                        .status())
                .isEqualTo(400);
        assertThat(api.as("auditor").get("/api/v1/audit/log?from=yesterday").status())
                .isEqualTo(400);
    }

    private void waitForAuditLog(String member, int events) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.as("auditor")
                                .get("/api/v1/audit/log?memberId=" + member)
                                .json()
                                .get("total")
                                .asLong()
                        == events);
    }
}
