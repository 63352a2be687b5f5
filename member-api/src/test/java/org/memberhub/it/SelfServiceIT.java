package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.SecurityProperties.DevUser;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A member reaches its own data through /api/v1/me and nobody else's, whatever it sends. */
@PostgresIT
class SelfServiceIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMemberSeesAndChangesOnlyItself() {
        String aliceMobile = mobile();
        Response alice = api.post(
                "/api/v1/members",
                "{\"name\":\"Alice\",\"mobile\":\"" + aliceMobile + "\",\"tags\":[\"vip\"],\"notes\":\"called twice\","
                        + "\"externalRef\":\"EXT-" + marker() + "\"}");
        Response bob = api.post("/api/v1/members", "{\"name\":\"Bob\",\"mobile\":\"" + mobile() + "\"}");
        String aliceId = alice.json().get("id").asText();
        String bobId = bob.json().get("id").asText();
        api.post("/api/v1/members/" + aliceId + "/points/adjust", "{\"points\":100,\"reason\":\"welcome\"}");
        Response bobPoints =
                api.post("/api/v1/members/" + bobId + "/points/adjust", "{\"points\":900,\"reason\":\"vip\"}");
        api.get("/api/v1/members/" + bobId + "/points", TOKEN, bobPoints.header(TOKEN));
        Api me = api.asMember(aliceId);

        JsonNode profile = me.get("/api/v1/me", TOKEN, alice.header(TOKEN)).json();
        assertThat(profile.get("id").asText()).isEqualTo(aliceId);
        assertThat(profile.get("mobile").asText()).isEqualTo(aliceMobile);
        assertThat(profile.has("notes")).as("staff notes are not shown").isFalse();
        assertThat(profile.has("tags")).isFalse();

        Response changed = me.put(
                "/api/v1/me",
                "{\"name\":\"Alice Wang\",\"email\":\"alice." + marker() + "@example.com\",\"locale\":\"en\"}",
                "If-Match",
                "\"" + profile.get("version").asLong() + "\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode staffView = api.get("/api/v1/members/" + aliceId, TOKEN, changed.header(TOKEN))
                .json();
        assertThat(staffView.get("name").asText()).isEqualTo("Alice Wang");
        assertThat(staffView.get("mobile").asText())
                .as("the mobile number is not the member's to change")
                .isEqualTo(aliceMobile);
        assertThat(staffView.get("tags").get(0).asText()).isEqualTo("vip");
        assertThat(staffView.get("notes").asText()).isEqualTo("called twice");

        assertThat(me.get("/api/v1/me/points").json().get("available").asLong()).isEqualTo(100);
        Response checkedIn = me.post("/api/v1/me/check-in", null);
        assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);
        assertThat(checkedIn.json().at("/points/available").asLong()).isEqualTo(105);
        api.post("/api/v1/members/" + aliceId + "/purchases", "{\"orderId\":\"me-1\",\"amount\":1.00}");
        Response spent = me.post("/api/v1/me/points/spend", "{\"orderId\":\"me-1\",\"points\":50}");
        assertThat(spent.status()).as(spent.toString()).isEqualTo(200);
        assertThat(spent.json().at("/points/available").asLong()).isEqualTo(55);
        JsonNode ledger =
                me.get("/api/v1/me/points/ledger", TOKEN, spent.header(TOKEN)).json();
        assertThat(ledger.get("total").asLong()).isEqualTo(4);
        assertThat(ledger.at("/items/0").has("actor"))
                .as("who acted is internal")
                .isFalse();
        assertThat(me.get("/api/v1/me/points/lots").json().get("items")).isNotEmpty();
        assertThat(me.get("/api/v1/me/level").json().at("/level/level").asInt()).isEqualTo(1);

        // no way to reach Bob: the back-office paths are forbidden, and /me names nobody
        assertThat(me.get("/api/v1/members/" + bobId).status()).isEqualTo(403);
        assertThat(me.get("/api/v1/members/" + bobId + "/points").status()).isEqualTo(403);
        assertThat(me.get("/api/v1/members").status()).isEqualTo(403);
        assertThat(me.post(
                                "/api/v1/members/" + bobId + "/points/spend",
                                "{\"orderId\":\"x\",\"orderAmount\":10,\"points\":1}")
                        .status())
                .isEqualTo(403);
        Response smuggled = me.put("/api/v1/me", "{\"name\":\"Alice\",\"id\":\"" + bobId + "\"}");
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(me.put("/api/v1/me", "{\"name\":\"Alice\",\"mobile\":\"13900000000\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("UNKNOWN_FIELD");
        assertThat(me.get("/api/v1/me/points?memberId=" + bobId)
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(55);
    }

    @Test
    void aMemberSpendsOnlyOnItsOwnRecordedPurchasesWithinTheirAmount() {
        String aliceId = api.post("/api/v1/members", "{\"name\":\"Alice\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        String bobId = api.post("/api/v1/members", "{\"name\":\"Bob\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        api.post("/api/v1/members/" + aliceId + "/points/adjust", "{\"points\":10000,\"reason\":\"welcome\"}");
        api.post("/api/v1/members/" + aliceId + "/purchases", "{\"orderId\":\"paid-1\",\"amount\":20.00}");
        api.post("/api/v1/members/" + bobId + "/purchases", "{\"orderId\":\"bobs-1\",\"amount\":500.00}");
        Api me = api.asMember(aliceId);

        Response declared =
                me.post("/api/v1/me/points/spend", "{\"orderId\":\"paid-1\",\"orderAmount\":100000,\"points\":5000}");
        assertThat(declared.status()).isEqualTo(400);
        assertThat(declared.json().get("code").asText())
                .as("the member cannot declare the order's amount")
                .isEqualTo("UNKNOWN_FIELD");
        for (String order : new String[] {"future-1", "bobs-1"}) {
            Response squatted = me.post("/api/v1/me/points/spend", "{\"orderId\":\"" + order + "\",\"points\":1}");
            assertThat(squatted.status()).as(order).isEqualTo(422);
            assertThat(squatted.json().get("code").asText()).isEqualTo("UNKNOWN_ORDER");
        }
        Response overCap = me.post("/api/v1/me/points/spend", "{\"orderId\":\"paid-1\",\"points\":1001}");
        assertThat(overCap.status()).isEqualTo(422);
        assertThat(overCap.json().get("code").asText())
                .as("half of the recorded 20.00 is 1000 points")
                .isEqualTo("DEDUCTION_LIMIT_EXCEEDED");
        Response spent = me.post("/api/v1/me/points/spend", "{\"orderId\":\"paid-1\",\"points\":1000}");
        assertThat(spent.status()).as(spent.toString()).isEqualTo(200);
        assertThat(spent.json().at("/decision/points").asLong()).isEqualTo(1000);
        assertThat(me.post("/api/v1/me/points/spend", "{\"orderId\":\"paid-1\",\"points\":1000}")
                        .json()
                        .get("duplicate")
                        .asBoolean())
                .isTrue();

        // the order service's own deduction for an order the member named is not blocked by it
        Response checkout = api.post(
                "/api/v1/members/" + aliceId + "/points/spend",
                "{\"orderId\":\"future-1\",\"orderAmount\":100.00,\"points\":10}");
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        assertThat(checkout.json().get("duplicate").asBoolean()).isFalse();
    }

    @Test
    void anEMailAddressOfAnotherMemberIsNotRevealed() {
        String taken = "taken." + marker() + "@example.com";
        api.post("/api/v1/members", "{\"name\":\"Bob\",\"mobile\":\"" + mobile() + "\",\"email\":\"" + taken + "\"}");
        String aliceId = api.post("/api/v1/members", "{\"name\":\"Alice\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        long events = events(aliceId);

        Response refused = api.asMember(aliceId)
                .put("/api/v1/me", "{\"name\":\"Alice\",\"email\":\"" + taken.toUpperCase() + "\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("EMAIL_UNAVAILABLE");
        assertThat(refused.toString().toLowerCase()).doesNotContain(taken);
        assertThat(events(aliceId)).isEqualTo(events);
    }

    @Test
    void selfServiceWritesAreRateLimitedPerMember() {
        String aliceId = api.post("/api/v1/members", "{\"name\":\"Alice\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        String bobId = api.post("/api/v1/members", "{\"name\":\"Bob\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        Api alice = api.asMember(aliceId);

        // the burst is 20 and one more write is allowed every 3 s: however slow the machine, 200 writes hit the limit.
        // Each write changes the profile, so the write that is limited is seen to change nothing, whenever it comes.
        Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            long before = events(aliceId);
            Response written = alice.put("/api/v1/me", "{\"name\":\"Alice " + i + "\"}");
            if (written.status() == 429) {
                limited = written;
                assertThat(events(aliceId))
                        .as("a limited write changes nothing")
                        .isEqualTo(before);
            } else {
                assertThat(written.status()).as(written.toString()).isEqualTo(200);
            }
        }
        assertThat(limited).as("no write was limited").isNotNull();
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();

        assertThat(alice.get("/api/v1/me").status()).as("reads are not limited").isEqualTo(200);
        assertThat(api.asMember(bobId).post("/api/v1/me/check-in", null).status())
                .as("another member has its own limit")
                .isEqualTo(200);
    }

    private long events(String memberId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, memberId);
    }

    @Test
    void consistencyTokensNeitherProbeOtherMembersNorHoldThreads() {
        Response alice = api.post("/api/v1/members", "{\"name\":\"Alice\",\"mobile\":\"" + mobile() + "\"}");
        Response bob = api.post("/api/v1/members", "{\"name\":\"Bob\",\"mobile\":\"" + mobile() + "\"}");
        String aliceId = alice.json().get("id").asText();
        String bobId = bob.json().get("id").asText();
        Api me = api.asMember(aliceId);

        // a member sends Bob's token (or one made up for him) along with its own reads
        for (String foreign : new String[] {bob.header(TOKEN), bobId + ".0", bobId + ".999999"}) {
            for (String path : new String[] {"", "/points", "/points/ledger", "/points/lots", "/level"}) {
                Response refused = me.get("/api/v1/me" + path, TOKEN, foreign);
                assertThat(refused.status()).as(path + " " + refused).isEqualTo(400);
                assertThat(refused.json().get("code").asText()).isEqualTo("CONSISTENCY_TOKEN_OTHER_MEMBER");
            }
        }
        Response staffMixUp = api.get("/api/v1/members/" + aliceId + "/points", TOKEN, bob.header(TOKEN));
        assertThat(staffMixUp.status()).isEqualTo(400);
        assertThat(staffMixUp.json().get("code").asText()).isEqualTo("CONSISTENCY_TOKEN_OTHER_MEMBER");

        // a version the member never reached is refused at once, not after the whole wait
        for (String path : new String[] {"/api/v1/me", "/api/v1/me/level"}) {
            Response ahead = me.get(path, TOKEN, aliceId + "." + Long.MAX_VALUE);
            assertThat(ahead.status()).as(ahead.toString()).isEqualTo(400);
            assertThat(ahead.json().get("code").asText()).isEqualTo("CONSISTENCY_TOKEN_AHEAD");
        }
        Response unknown = api.get("/api/v1/members", TOKEN, "0190f2a4-1c3e-7a00-8000-00000000beef.0");
        assertThat(unknown.json().get("code").asText()).isEqualTo("CONSISTENCY_TOKEN_AHEAD");

        assertThat(me.get("/api/v1/me", TOKEN, alice.header(TOKEN)).status())
                .as("its own token still works")
                .isEqualTo(200);
    }

    @Test
    void aMemberSeesItsLevelInTheShapeStaffSeeItWithoutWhyItWasSet() {
        String id = api.post("/api/v1/members", "{\"name\":\"Leveled\",\"mobile\":\"" + mobile() + "\"}")
                .json()
                .get("id")
                .asText();
        Response adjusted = api.post(
                "/api/v1/members/" + id + "/level/adjust", "{\"level\":3,\"reason\":\"partner of the month\"}");
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);

        Response staff = api.get("/api/v1/members/" + id + "/level", TOKEN, adjusted.header(TOKEN));
        Response own = api.asMember(id).get("/api/v1/me/level", TOKEN, adjusted.header(TOKEN));

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.header("ETag")).isEqualTo(staff.header("ETag"));
        JsonNode ownLevel = own.json();
        JsonNode staffLevel = staff.json();
        assertThat(staffLevel.at("/level/manual/reason").asText()).isEqualTo("partner of the month");
        assertThat(ownLevel.at("/level/manual/reason").isNull())
                .as("why staff set it is internal")
                .isTrue();
        ((ObjectNode) staffLevel.at("/level/manual")).putNull("reason");
        assertThat(ownLevel).isEqualTo(staffLevel);
        assertThat(ownLevel.get("memberId").asText()).isEqualTo(id);
        assertThat(ownLevel.at("/level/level").asInt()).isEqualTo(3);
    }

    @Test
    void aMemberTokenWithoutItsMemberIsRefused() {
        DevUser member = issuer.users().stream()
                .filter(user -> user.username().equals("member"))
                .findFirst()
                .orElseThrow();
        Response response =
                api.withToken(issuer.sign(issuer.claims(member, null).build())).get("/api/v1/me");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("MEMBER_BINDING_MISSING");
    }

    @Test
    void aDeletedMemberIsGone() {
        Response created = api.post("/api/v1/members", "{\"name\":\"Gone\",\"mobile\":\"" + mobile() + "\"}");
        String id = created.json().get("id").asText();
        Response deleted = api.delete("/api/v1/members/" + id);

        Response response = api.asMember(id).get("/api/v1/me", TOKEN, deleted.header(TOKEN));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("MEMBER_DELETED");
    }
}
