package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Points spent on an order come back through HTTP on PostgreSQL: with the order's refunds, in proportion and adding up
 * to exactly what was spent, as lots keeping the expiry of the lot they came from; and all at once when the deduction
 * of an order that never completed is cancelled, once.
 */
@PostgresIT
class RefundReturnsPointsIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    /** The consistency token of the last adjustment, to read the lots it opened. */
    private String adjusted;

    @Test
    void refundsGiveBackTheSpentPointsInProportion() {
        String member = memberWithPoints(1000);
        String expiry = lots(member, adjusted).get(0).get("expiresAt").asText();

        ok(api.post(member + "/points/spend", "{\"orderId\":\"o-1\",\"orderAmount\":100.00,\"points\":200}"));
        ok(api.post(member + "/purchases", "{\"orderId\":\"o-1\",\"amount\":100.00}"));

        Response first = ok(api.post(member + "/refunds", "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":40}"));
        assertThat(first.json().at("/decision/pointsReturned").asLong()).isEqualTo(80);
        assertThat(first.json().at("/decision/pointsReversed").asLong()).isEqualTo(40);
        assertThat(first.json().at("/points/available").asLong()).isEqualTo(880);

        Response again = ok(api.post(member + "/refunds", "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":40}"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("decision")).isEqualTo(first.json().get("decision"));
        Response conflict = api.post(member + "/refunds", "{\"refundId\":\"r-1\",\"orderId\":\"o-1\",\"amount\":41}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");

        Response rest = ok(api.post(member + "/refunds", "{\"refundId\":\"r-2\",\"orderId\":\"o-1\",\"amount\":60}"));
        assertThat(rest.json().at("/decision/pointsReturned").asLong()).isEqualTo(120);
        assertThat(rest.json().at("/points/available").asLong()).isEqualTo(1000);
        assertThat(rest.json().at("/points/lifetimeSpent").asLong()).isZero();

        String token = rest.header(TOKEN);
        List<JsonNode> returned = new ArrayList<>();
        api.get(member + "/points/ledger", TOKEN, token).json().get("items").forEach(entry -> {
            if (entry.get("type").asText().equals("RETURNED")) {
                returned.add(entry);
            }
        });
        assertThat(returned)
                .extracting(
                        entry -> entry.get("source").asText(),
                        entry -> entry.get("reference").asText(),
                        entry -> entry.get("availableChange").asLong())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("REFUND", "r-2", 120L),
                        org.assertj.core.groups.Tuple.tuple("REFUND", "r-1", 80L));
        List<JsonNode> refundLots = lots(member, token).stream()
                .filter(lot -> lot.get("source").asText().equals("REFUND"))
                .toList();
        assertThat(refundLots)
                .hasSize(2)
                .allSatisfy(lot -> assertThat(lot.get("expiresAt").asText()).isEqualTo(expiry));
    }

    @Test
    void cancellingADeductionGivesEverythingBackOnce() {
        String member = memberWithPoints(500);
        ok(api.post(member + "/points/spend", "{\"orderId\":\"c-1\",\"orderAmount\":100.00,\"points\":300}"));

        Response cancelled = ok(api.post(member + "/points/spend/c-1/cancel", ""));
        assertThat(cancelled.json().get("duplicate").asBoolean()).isFalse();
        assertThat(cancelled.json().at("/decision/pointsReturned").asLong()).isEqualTo(300);
        assertThat(cancelled.json().at("/points/available").asLong()).isEqualTo(500);

        Response again = ok(api.post(member + "/points/spend/c-1/cancel", ""));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("decision")).isEqualTo(cancelled.json().get("decision"));
        assertThat(again.json().at("/points/available").asLong()).isEqualTo(500);

        ok(api.post(member + "/points/spend", "{\"orderId\":\"c-2\",\"orderAmount\":100.00,\"points\":100}"));
        ok(api.post(member + "/purchases", "{\"orderId\":\"c-2\",\"amount\":100.00}"));
        refused(api.post(member + "/points/spend/c-2/cancel", ""), 409, "ORDER_COMPLETED");
        refused(api.post(member + "/points/spend/c-9/cancel", ""), 422, "UNKNOWN_ORDER");
    }

    private String memberWithPoints(long points) {
        String id = api.post("/api/v1/members", member("Returner", mobile(), null))
                .json()
                .get("id")
                .asText();
        String member = "/api/v1/members/" + id;
        adjusted = ok(api.post(member + "/points/adjust", "{\"points\":" + points + ",\"reason\":\"starting points\"}"))
                .header(TOKEN);
        return member;
    }

    private List<JsonNode> lots(String member, String token) {
        List<JsonNode> all = new ArrayList<>();
        api.get(member + "/points/lots", TOKEN, token).json().get("items").forEach(all::add);
        return all;
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static void refused(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }
}
