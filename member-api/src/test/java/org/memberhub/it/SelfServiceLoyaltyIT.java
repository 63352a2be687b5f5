package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A member's loyalty journey through /api/v1/me with its own token, on PostgreSQL: it sees what it can redeem,
 * redeems a reward once however often it retries, uses the benefits its level gets against their quota, and reads its
 * whole picture in one call, with the level's progress telling a reachable next level from one a ceiling keeps out of
 * reach. Every refusal is told by its code, in the caller's language, and changes nothing. The rewards are the test
 * configuration's ({@code config/application.yml}: tea-cup 300 points, umbrella 1500).
 */
@PostgresIT
class SelfServiceLoyaltyIT {

    private static final String TOKEN = "X-Consistency-Token";
    private static final String KEY = "Idempotency-Key";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMemberRedeemsAConfiguredRewardOnceHoweverOftenItRetries() {
        String id = register("Redeemer");
        Response credited =
                api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":1000,\"reason\":\"gift\"}");
        Api me = api.asMember(id);

        JsonNode rewards =
                me.get("/api/v1/me/rewards", TOKEN, credited.header(TOKEN)).json();
        assertThat(rewards.findValuesAsText("productId")).containsExactly("tea-cup", "umbrella");
        assertThat(rewards.at("/0/name").asText()).isEqualTo("Tea cup");
        assertThat(rewards.at("/0/points").asLong()).isEqualTo(300);
        assertThat(rewards.at("/0/affordable").asBoolean()).isTrue();
        assertThat(rewards.at("/1/affordable").asBoolean()).as("1500 > 1000").isFalse();
        assertThat(me.get("/api/v1/me/rewards", "Accept-Language", "zh-CN")
                        .json()
                        .at("/0/name")
                        .asText())
                .isEqualTo("茶杯");

        Response redeemed = me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}", KEY, "cup-1");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
        assertThat(redeemed.json().at("/decision/purpose").asText()).isEqualTo("REDEMPTION");
        assertThat(redeemed.json().at("/decision/points").asLong())
                .as("the configured price")
                .isEqualTo(300);
        assertThat(redeemed.json().at("/points/available").asLong()).isEqualTo(700);
        assertThat(redeemed.json().get("duplicate").asBoolean()).isFalse();
        assertThat(redeemed.header(TOKEN)).startsWith(id + ".");

        long events = events(id);
        Response retried = me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}", KEY, "cup-1");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("duplicate").asBoolean()).isTrue();
        assertThat(retried.json().at("/points/available").asLong()).isEqualTo(700);
        assertThat(events(id)).as("a retry changes nothing").isEqualTo(events);

        refused(
                me.post("/api/v1/me/points/redeem", "{\"productId\":\"umbrella\"}", KEY, "cup-1"),
                409,
                "IDEMPOTENCY_CONFLICT");
        refused(
                me.post("/api/v1/me/points/redeem", "{\"productId\":\"umbrella\"}", KEY, "brolly-1"),
                422,
                "INSUFFICIENT_POINTS");
        Response unknown = me.post(
                "/api/v1/me/points/redeem", "{\"productId\":\"yacht\"}", KEY, "yacht-1", "Accept-Language", "zh-CN");
        refused(unknown, 422, "UNKNOWN_PRODUCT");
        assertThat(unknown.json().get("detail").asText()).contains("yacht").contains("商品编号");
        assertThat(me.post("/api/v1/me/points/redeem", "{\"productId\":\"yacht\"}", "Accept-Language", "en")
                        .json()
                        .get("detail")
                        .asText())
                .contains("no reward with product id yacht");
        refused(
                me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\",\"points\":1}", KEY, "cheap-1"),
                400,
                "UNKNOWN_FIELD");
        refused(me.post("/api/v1/me/points/redeem", "{}", KEY, "empty-1"), 400, "VALIDATION_FAILED");
        refused(me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea cup\"}"), 400, "VALIDATION_FAILED");
        refused(
                me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}", KEY, "has spaces"),
                400,
                "VALIDATION_FAILED");
        refused(me.post("/api/v1/me/points/redeem", "", KEY, "nothing-1"), 400, "MISSING_BODY");
        assertThat(events(id)).as("refusals change nothing").isEqualTo(events);

        // the redemption is the back office's: staff see it in the ledger, as the member does
        JsonNode ledger = api.get("/api/v1/members/" + id + "/points/ledger", TOKEN, redeemed.header(TOKEN))
                .json();
        assertThat(ledger.at("/items/0/availableChange").asLong()).isEqualTo(-300);
        assertThat(me.get("/api/v1/me/points").json().get("available").asLong()).isEqualTo(700);

        Response frozen = api.post("/api/v1/members/" + id + "/freeze", "{\"reason\":\"fraud check\"}");
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
        long beforeFrozen = events(id);
        refused(me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}", KEY, "cup-2"), 409, "MEMBER_FROZEN");
        assertThat(events(id)).isEqualTo(beforeFrozen);
    }

    @Test
    void aMemberUsesTheBenefitsItsLevelGetsWithinTheirQuota() {
        String benefit = "lounge-" + marker();
        Response created = api.post(
                "/api/v1/benefits",
                """
                {"id":"%s","nameZh":"贵宾室","nameEn":"Lounge","type":"EXCLUSIVE_SERVICE","levels":[2,3,4,5],
                 "quota":{"uses":1,"period":"MONTH"}}"""
                        .formatted(benefit));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String bronze = register("Bronze");
        Response bought = purchase(bronze, "o-1", "600.00");
        Api me = api.asMember(bronze);
        String use = "/api/v1/me/benefits/" + benefit + "/use";

        Response used = me.post(use, "{\"useId\":\"visit-1\"}");
        assertThat(used.status()).as(used.toString()).isEqualTo(200);
        assertThat(used.json().at("/decision/benefitId").asText()).isEqualTo(benefit);
        assertThat(used.json().at("/decision/quotaLeft").asInt()).isZero();
        assertThat(used.json().get("duplicate").asBoolean()).isFalse();
        long events = events(bronze);
        Response again = me.post(use, "{\"useId\":\"visit-1\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();

        refused(me.post(use, "{\"useId\":\"visit-2\"}"), 422, "BENEFIT_QUOTA_EXHAUSTED");
        refused(
                me.post("/api/v1/me/benefits/no-such-benefit/use", "{\"useId\":\"visit-3\"}"),
                404,
                "BENEFIT_NOT_FOUND");
        refused(me.post("/api/v1/me/benefits/Not_A_Code/use", "{\"useId\":\"visit-3\"}"), 400, "INVALID_PARAMETER");
        refused(me.post(use, "{}"), 400, "VALIDATION_FAILED");
        refused(
                me.post(use, "{\"useId\":\"visit-4\",\"memberId\":\"" + UUID.randomUUID() + "\"}"),
                400,
                "UNKNOWN_FIELD");
        assertThat(events(bronze)).as("refusals and the retry change nothing").isEqualTo(events);

        // staff see the use counted
        Response read = api.get("/api/v1/members/" + bronze + "/benefits", TOKEN, used.header(TOKEN));
        JsonNode lounge = find(read.json(), benefit);
        assertThat(lounge.get("usedInPeriod").asInt()).isEqualTo(1);
        assertThat(lounge.get("quotaLeft").asInt()).isZero();
        assertThat(bought.status()).isEqualTo(200);

        // a Registered member's level does not get it
        String newcomer = register("Newcomer");
        long newcomerEvents = events(newcomer);
        refused(api.asMember(newcomer).post(use, "{\"useId\":\"visit-1\"}"), 422, "BENEFIT_NOT_GRANTED");
        assertThat(events(newcomer)).isEqualTo(newcomerEvents);
    }

    @Test
    void theOverviewIsTheMembersWholePictureInOneCall() {
        String benefit = "spa-" + marker();
        api.post(
                "/api/v1/benefits",
                """
                {"id":"%s","nameZh":"水疗","nameEn":"Spa","type":"GIFT","levels":[2],
                 "quota":{"uses":3,"period":"YEAR"}}"""
                        .formatted(benefit));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/benefits/" + benefit).status() == 200);
        String id = register("Overview");
        purchase(id, "o-1", "600.00");
        Response credited =
                api.post("/api/v1/members/" + id + "/points/adjust", "{\"points\":400,\"reason\":\"gift\"}");
        Api me = api.asMember(id);
        Response used = me.post("/api/v1/me/benefits/" + benefit + "/use", "{\"useId\":\"day-1\"}");
        assertThat(used.status()).as(used.toString()).isEqualTo(200);

        Response answer = me.get("/api/v1/me/overview", TOKEN, used.header(TOKEN), "Accept-Language", "en");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode overview = answer.json();
        assertThat(overview.at("/profile/id").asText()).isEqualTo(id);
        assertThat(overview.at("/profile/name").asText()).isEqualTo("Overview");
        assertThat(overview.get("profile").has("notes"))
                .as("staff notes are not shown")
                .isFalse();
        JsonNode level = overview.get("level");
        assertThat(level.get("level").asInt()).isEqualTo(2);
        assertThat(level.get("name").asText()).isEqualTo("Bronze");
        assertThat(level.has("discount")).as("the level's terms").isTrue();
        assertThat(level.has("pointsMultiplier")).isTrue();
        assertThat(level.get("netSpend").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(level.get("nextLevel").asInt()).isEqualTo(3);
        assertThat(level.get("spendToNextLevel").decimalValue()).isEqualByComparingTo("1400.00");
        assertThat(level.get("nextLevelReachable").asBoolean()).isTrue();
        assertThat(overview.at("/points/available").asLong()).isEqualTo(400);
        assertThat(overview.at("/points/pending").asLong())
                .as("the purchase's, in the return window")
                .isEqualTo(600);
        assertThat(overview.at("/expiringSoon/within90Days").asLong()).isZero();
        assertThat(overview.at("/expiringSoon/next/points").asLong()).isEqualTo(400);
        assertThat(Instant.parse(overview.at("/expiringSoon/next/expiresAt").asText()))
                .isAfter(Instant.now().plus(700, ChronoUnit.DAYS));
        JsonNode spa = find(overview.get("benefits"), benefit);
        assertThat(spa.get("granted").asBoolean()).isTrue();
        assertThat(spa.get("quotaLeft").asInt()).as("one of three used").isEqualTo(2);
        for (JsonNode shown : overview.get("benefits")) {
            assertThat(shown.get("granted").asBoolean() || shown.get("buyable").asBoolean())
                    .as(shown.toString())
                    .isTrue();
        }
        assertThat(overview.get("rewards").findValuesAsText("productId")).containsExactly("tea-cup", "umbrella");
        assertThat(overview.at("/rewards/0/affordable").asBoolean()).isTrue();
        assertThat(overview.at("/rewards/1/affordable").asBoolean()).isFalse();

        // the token of another member is refused, as on every /me read
        Response other = api.post("/api/v1/members", "{\"name\":\"Other\",\"mobile\":\"" + mobile() + "\"}");
        refused(me.get("/api/v1/me/overview", TOKEN, other.header(TOKEN)), 400, "CONSISTENCY_TOKEN_OTHER_MEMBER");
        refused(me.get("/api/v1/me/overview", TOKEN, id + "." + Long.MAX_VALUE), 400, "CONSISTENCY_TOKEN_AHEAD");
        refused(me.get("/api/v1/me/overview", TOKEN, "not-a-token"), 400, "INVALID_CONSISTENCY_TOKEN");
        assertThat(credited.status()).isEqualTo(200);
    }

    @Test
    void underACeilingTheNextLevelIsOutOfReachEverywhereTheLevelIsShown() {
        String id = register("Capped");
        purchase(id, "o-1", "6000.00");
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Response capped = api.post(
                "/api/v1/members/" + id + "/level/adjust",
                "{\"level\":2,\"reason\":\"chargeback review\",\"until\":\"" + until + "\"}");
        assertThat(capped.status()).as(capped.toString()).isEqualTo(200);

        JsonNode decided = capped.json().get("level");
        JsonNode detail = api.get("/api/v1/members/" + id, TOKEN, capped.header(TOKEN))
                .json()
                .get("levelDetail");
        JsonNode level = api.get("/api/v1/members/" + id + "/level", TOKEN, capped.header(TOKEN))
                .json()
                .get("level");
        JsonNode own = api.asMember(id)
                .get("/api/v1/me/overview", TOKEN, capped.header(TOKEN))
                .json()
                .get("level");
        for (JsonNode shown : new JsonNode[] {decided, detail, level, own}) {
            assertThat(shown.get("level").asInt()).as(shown.toString()).isEqualTo(2);
            assertThat(shown.get("automaticLevel").asInt()).isEqualTo(4);
            assertThat(shown.get("nextLevel").isNull())
                    .as("not Silver at 0.00 to go")
                    .isTrue();
            assertThat(shown.get("spendToNextLevel").isNull()).isTrue();
            assertThat(shown.get("nextLevelReachable").asBoolean()).isFalse();
            assertThat(shown.get("cappedByManualLevel").asBoolean()).isTrue();
            assertThat(Instant.parse(shown.get("manualLevelEndsAt").asText())).isEqualTo(until);
        }
        assertThat(detail.at("/manual/reason").asText()).isEqualTo("chargeback review");
        assertThat(own.at("/manual/reason").isNull())
                .as("why staff set it is internal")
                .isTrue();

        // staff end the ceiling: the member is Gold again, one level from Diamond
        Response ended = api.post("/api/v1/members/" + id + "/level/adjust", "{\"reason\":\"review passed\"}");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        JsonNode free = api.get("/api/v1/members/" + id, TOKEN, ended.header(TOKEN))
                .json()
                .get("levelDetail");
        assertThat(free.get("level").asInt()).isEqualTo(4);
        assertThat(free.get("nextLevel").asInt()).isEqualTo(5);
        assertThat(free.get("spendToNextLevel").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(free.get("nextLevelReachable").asBoolean()).isTrue();
        assertThat(free.get("manualLevelEndsAt").isNull()).isTrue();
    }

    @Test
    void aDeletedMemberHasNoOverviewAndRedeemsNothing() {
        String id = register("Gone");
        Response deleted = api.delete("/api/v1/members/" + id);
        Api me = api.asMember(id);

        refused(me.get("/api/v1/me/overview", TOKEN, deleted.header(TOKEN)), 404, "MEMBER_DELETED");
        refused(me.get("/api/v1/me/rewards", TOKEN, deleted.header(TOKEN)), 404, "MEMBER_DELETED");
        long events = events(id);
        refused(
                me.post("/api/v1/me/points/redeem", "{\"productId\":\"tea-cup\"}", KEY, "late-1"),
                404,
                "MEMBER_DELETED");
        assertThat(events(id)).isEqualTo(events);
        refused(api.asMember(UUID.randomUUID().toString()).get("/api/v1/me/overview"), 403, "MEMBER_BINDING_MISSING");
    }

    private String register(String name) {
        Response registered =
                api.post("/api/v1/members", "{\"name\":\"" + name + "\",\"mobile\":\"" + mobile() + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asText();
    }

    private Response purchase(String member, String order, String amount) {
        Response purchased = api.post(
                "/api/v1/members/" + member + "/purchases",
                "{\"orderId\":\"" + order + "\",\"amount\":" + amount + "}");
        assertThat(purchased.status()).as(purchased.toString()).isEqualTo(200);
        return purchased;
    }

    private static void refused(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
    }

    private static JsonNode find(JsonNode benefits, String benefitId) {
        for (JsonNode benefit : benefits) {
            if (benefit.at("/benefit/id").asText().equals(benefitId)) {
                return benefit;
            }
        }
        throw new AssertionError(benefitId + " not in " + benefits);
    }

    private long events(String memberId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, memberId);
    }
}
