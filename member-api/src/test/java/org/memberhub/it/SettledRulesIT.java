package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The loyalty rules that the README, SPEC §3 and seed 003 left open, as settled (README "The rules"), through HTTP on
 * PostgreSQL: a late-reported purchase's points live two years from the payment; the manual level in force asked for
 * again changes nothing whatever the reason; a frozen member's purchase earns its points but the member earns and
 * spends nothing by their own acts; an order is paid with any whole number of points, each one fen, up to half of it.
 */
@PostgresIT
class SettledRulesIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Api api;

    @Test
    void aLateReportedPurchasesPointsExpireTwoYearsAfterThePayment() {
        String member = register("Late purchase");
        Instant paid = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Response bought = ok(api.post(
                member + "/purchases", "{\"orderId\":\"late-1\",\"amount\":100.00,\"occurredAt\":\"" + paid + "\"}"));
        assertThat(bought.json().at("/decision/pending").asBoolean())
                .as("the return window is over too")
                .isFalse();

        JsonNode lot = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(member + "/points/lots").json().at("/items/0"), found -> !found.isMissingNode());
        assertThat(Instant.parse(lot.get("expiresAt").asText()))
                .isEqualTo(paid.atZone(SHANGHAI).plusYears(2).toInstant());
    }

    @Test
    void theManualLevelInForceAskedForAgainChangesNothingWhateverTheReason() {
        String member = register("Manual level");
        String until = Instant.now()
                .plus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Response set = ok(
                api.post(member + "/level/adjust", "{\"level\":3,\"reason\":\"promo\",\"until\":\"" + until + "\"}"));
        assertThat(set.json().get("duplicate").asBoolean()).isFalse();

        Response again = ok(api.post(
                member + "/level/adjust", "{\"level\":3,\"reason\":\"asked again\",\"until\":\"" + until + "\"}"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().at("/level/manual/reason").asText()).isEqualTo("promo");
        assertThat(again.header("ETag")).isEqualTo(set.header("ETag"));

        String later = Instant.parse(until).plus(Duration.ofDays(30)).toString();
        Response extended = ok(api.post(
                member + "/level/adjust", "{\"level\":3,\"reason\":\"extended\",\"until\":\"" + later + "\"}"));
        assertThat(extended.json().get("duplicate").asBoolean()).isFalse();
        assertThat(extended.json().at("/level/manualLevelEndsAt").asText()).isEqualTo(later);
    }

    @Test
    void aFrozenMembersPurchaseEarnsItsPointsButTheMemberEarnsAndSpendsNothingByTheirOwnActs() {
        String member = register("Frozen buyer");
        ok(api.post(member + "/points/adjust", "{\"points\":500,\"reason\":\"welcome\"}"));
        ok(api.post(member + "/freeze", "{\"reason\":\"fraud check\"}"));

        Response bought = ok(api.post(member + "/purchases", "{\"orderId\":\"fz-1\",\"amount\":200.00}"));
        assertThat(bought.json().at("/decision/pointsEarned").asLong()).isEqualTo(200);
        assertThat(bought.json().at("/points/pending").asLong()).isEqualTo(200);

        long events = bought.json().get("version").asLong();
        assertRefused(api.post(member + "/points/earn", "{\"type\":\"CHECK_IN\"}"), 409, "MEMBER_FROZEN");
        assertRefused(
                api.post(member + "/points/spend", "{\"orderId\":\"fz-2\",\"orderAmount\":10.00,\"points\":100}"),
                409,
                "MEMBER_FROZEN");
        assertRefused(
                api.post(member + "/points/redeem", "{\"redemptionId\":\"fz-x\",\"productId\":\"mug\",\"points\":100}"),
                409,
                "MEMBER_FROZEN");
        Response after = ok(api.post(member + "/unfreeze", "{\"reason\":\"cleared\"}"));
        assertThat(after.json().get("version").asLong())
                .as("the refusals changed nothing: the unfreeze is the one event after the purchase's")
                .isEqualTo(events + 1);
        assertThat(api.get(member + "/points", "X-Consistency-Token", after.header("X-Consistency-Token"))
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(500);
    }

    @Test
    void anOrderIsPaidWithAnyWholeNumberOfPointsEachOneFenUpToHalfOfIt() {
        String member = register("Deduction");
        ok(api.post(member + "/points/adjust", "{\"points\":1000,\"reason\":\"welcome\"}"));

        Response fifteen =
                ok(api.post(member + "/points/spend", "{\"orderId\":\"d-1\",\"orderAmount\":10.00,\"points\":15}"));
        assertThat(fifteen.json().at("/decision/points").asLong()).isEqualTo(15);
        assertThat(fifteen.json().at("/decision/value").decimalValue()).isEqualByComparingTo("0.15");

        Response half =
                ok(api.post(member + "/points/spend", "{\"orderId\":\"d-2\",\"orderAmount\":10.00,\"points\":500}"));
        assertThat(half.json().at("/decision/value").decimalValue()).isEqualByComparingTo("5.00");

        assertRefused(
                api.post(member + "/points/spend", "{\"orderId\":\"d-3\",\"orderAmount\":10.00,\"points\":501}"),
                422,
                "DEDUCTION_LIMIT_EXCEEDED");
        assertThat(half.json().at("/points/available").asLong()).isEqualTo(485);
    }

    private String register(String name) {
        Response created = api.post("/api/v1/members", member(name, mobile(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return "/api/v1/members/" + created.json().get("id").asText();
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }
}
