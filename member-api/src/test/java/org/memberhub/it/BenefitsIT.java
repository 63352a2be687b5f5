package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The benefit catalogue through HTTP: seeded with the SPEC's defaults, changed at run time with immediate effect on
 * the loyalty rules, used against quotas and bought with points, by staff and by members themselves; bad requests
 * change nothing.
 */
@PostgresIT
@DirtiesContext
@TestPropertySource(properties = "memberhub.query.consistency-timeout=6s")
class BenefitsIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCatalogueIsSeededAndDecidesTheLevelTerms() {
        JsonNode catalogue = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/benefits").json(), list -> list.size() >= 11);
        assertThat(catalogue.findValuesAsText("id"))
                .contains(
                        "level-2-discount",
                        "level-3-discount",
                        "level-4-discount",
                        "level-5-discount",
                        "level-3-points-multiplier",
                        "level-4-points-multiplier",
                        "level-5-points-multiplier",
                        "free-shipping",
                        "birthday-gift",
                        "dedicated-service",
                        "priority-shipping");
        Response silverMultiplier = api.get("/api/v1/benefits/level-3-points-multiplier");
        assertThat(silverMultiplier.json().at("/terms/value").decimalValue()).isEqualByComparingTo("1.2");

        // a Silver member buys 100 yuan: ×1.2
        String silver = registerAt(2500);
        assertThat(purchase(silver, "o-a", 100)).isEqualTo(120);

        // Silver's multiplier changes to 1.5 in the catalogue: the next purchase earns with it at once
        Response changed = api.put(
                "/api/v1/benefits/level-3-points-multiplier",
                """
                {"nameZh":"银牌积分加倍","nameEn":"Silver points multiplier","type":"POINTS_MULTIPLIER",
                 "value":1.5,"levels":[3]}""",
                "If-Match",
                silverMultiplier.header("ETag"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(purchase(silver, "o-b", 100)).isEqualTo(150);

        // a stale If-Match changes nothing
        Response stale = api.put(
                "/api/v1/benefits/level-3-points-multiplier",
                """
                {"nameZh":"x","nameEn":"x","type":"POINTS_MULTIPLIER","value":3,"levels":[3]}""",
                "If-Match",
                silverMultiplier.header("ETag"));
        assertThat(stale.status()).isEqualTo(412);

        // retired, Silver has no multiplier any more; the level answer shows the catalogue's terms
        assertThat(api.post("/api/v1/benefits/level-3-points-multiplier/retire", "{\"reason\":\"over\"}")
                        .status())
                .isEqualTo(200);
        assertThat(purchase(silver, "o-c", 100)).isEqualTo(100);
        JsonNode level = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/members/" + silver + "/level").json(),
                        answer -> answer.at("/level/pointsMultiplier")
                                        .decimalValue()
                                        .compareTo(java.math.BigDecimal.ONE)
                                == 0);
        assertThat(level.at("/level/discount").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(api.post("/api/v1/benefits/level-3-points-multiplier/retire", null)
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("BENEFIT_RETIRED");
        assertThat(api.get("/api/v1/benefits?retired=true").json().findValuesAsText("status"))
                .contains("RETIRED");
    }

    @Test
    void benefitsAreUsedAgainstQuotasAndBoughtWithPoints() {
        Response created = api.post(
                "/api/v1/benefits",
                """
                {"id":"tea-voucher","nameZh":"茶券","nameEn":"Tea voucher","type":"GIFT","levels":[3,4,5],
                 "quota":{"uses":2,"period":"MONTH"},"pointsPrice":300}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/benefits/tea-voucher");
        assertThat(api.post(
                                "/api/v1/benefits",
                                """
                {"id":"tea-voucher","nameZh":"茶券","nameEn":"Tea voucher","type":"GIFT","levels":[3]}""")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("BENEFIT_ALREADY_EXISTS");

        String silver = registerAt(2500);
        String use = "/api/v1/members/" + silver + "/benefits/tea-voucher/use";
        Response first = api.post(use, "{\"useId\":\"u1\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().at("/decision/quotaLeft").asInt()).isEqualTo(1);
        assertThat(api.post(use, "{\"useId\":\"u1\"}").json().get("duplicate").asBoolean())
                .isTrue();
        assertThat(api.post(use, "{\"useId\":\"u2\"}").status()).isEqualTo(200);
        Response third = api.post(use, "{\"useId\":\"u3\"}");
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.json().get("code").asText()).isEqualTo("BENEFIT_QUOTA_EXHAUSTED");

        // a Registered member cannot use it, but buys it with points, once per purchase id
        String newcomer = api.post("/api/v1/members", member("Newcomer", mobile(), null))
                .json()
                .get("id")
                .asText();
        Response adjusted =
                api.post("/api/v1/members/" + newcomer + "/points/adjust", "{\"points\":500,\"reason\":\"welcome\"}");
        assertThat(api.post("/api/v1/members/" + newcomer + "/benefits/tea-voucher/use", "{\"useId\":\"u1\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("BENEFIT_NOT_GRANTED");
        Api me = api.asMember(newcomer);
        JsonNode mine =
                me.get("/api/v1/me/benefits", TOKEN, adjusted.header(TOKEN)).json();
        JsonNode tea = null;
        for (JsonNode benefit : mine) {
            if (benefit.at("/benefit/id").asText().equals("tea-voucher")) {
                tea = benefit;
            }
        }
        assertThat(tea).isNotNull();
        assertThat(tea.get("granted").asBoolean()).isFalse();
        assertThat(tea.get("buyable").asBoolean()).isTrue();
        Response bought = me.post("/api/v1/me/benefits/tea-voucher/buy", "{\"purchaseId\":\"p-1\"}");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().at("/points/available").asLong()).isEqualTo(200);
        Response again = me.post("/api/v1/me/benefits/tea-voucher/buy", "{\"purchaseId\":\"p-1\"}");
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().at("/points/available").asLong()).isEqualTo(200);
        Response broke = me.post("/api/v1/me/benefits/tea-voucher/buy", "{\"purchaseId\":\"p-2\"}");
        assertThat(broke.json().get("code").asText()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(me.post("/api/v1/me/benefits/free-shipping/buy", "{\"purchaseId\":\"p-3\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("INSUFFICIENT_POINTS");
        assertThat(me.post("/api/v1/me/benefits/birthday-gift/buy", "{\"purchaseId\":\"p-4\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("BENEFIT_NOT_FOR_SALE");
    }

    @Test
    void badRequestsAreRefusedInTheCallersLanguageAndChangeNothing() {
        long events = events();
        String[][] cases = {
            {
                "{\"id\":\"x\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"DISCOUNT\",\"value\":1.5,\"levels\":[2]}",
                "INVALID_BENEFIT"
            },
            {"{\"id\":\"x\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[0]}", "VALIDATION_FAILED"},
            {
                "{\"id\":\"Bad Code\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[2]}",
                "VALIDATION_FAILED"
            },
            {"{\"id\":\"x\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"MAGIC\",\"levels\":[2]}", "INVALID_FIELD_VALUE"
            },
            {
                "{\"id\":\"x\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[2],\"pointsPrice\":0}",
                "VALIDATION_FAILED"
            },
            {"{\"id\":\"x\",\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[]}", "INVALID_BENEFIT"},
            {"{\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[2]}", "INVALID_FIELD_VALUE"},
            {"{\"id\":\"x\",", "MALFORMED_JSON"},
        };
        for (String[] bad : cases) {
            Response refused = api.post("/api/v1/benefits", bad[0], "Accept-Language", "zh-CN");
            assertThat(refused.status()).as(bad[0] + " " + refused).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        Response changeType = api.put(
                "/api/v1/benefits/free-shipping",
                "{\"nameZh\":\"a\",\"nameEn\":\"a\",\"type\":\"GIFT\",\"levels\":[3]}",
                "Accept-Language",
                "en");
        assertThat(changeType.json().get("code").asText()).isEqualTo("INVALID_BENEFIT");
        assertThat(api.get("/api/v1/benefits/nothing-here").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/benefits/NOT_A_CODE").status()).isEqualTo(400);
        Response unknownMember = api.post(
                "/api/v1/members/" + java.util.UUID.randomUUID() + "/benefits/free-shipping/use", "{\"useId\":\"u1\"}");
        assertThat(unknownMember.status()).isEqualTo(404);
        assertThat(events()).isEqualTo(events);
    }

    /** A member whose net spend reaches the given yuan; its purchase points are released by nobody (pending). */
    private String registerAt(long yuan) {
        String id = api.post(
                        "/api/v1/members", member("Benefit " + Instant.now().toEpochMilli(), mobile(), null))
                .json()
                .get("id")
                .asText();
        purchase(id, "o-start", yuan);
        return id;
    }

    private long purchase(String member, String order, long yuan) {
        Response r = api.post(
                "/api/v1/members/" + member + "/purchases", "{\"orderId\":\"" + order + "\",\"amount\":" + yuan + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().at("/decision/pointsEarned").asLong();
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
