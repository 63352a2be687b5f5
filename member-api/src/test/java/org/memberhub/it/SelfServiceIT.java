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

/** A member reaches its own data through /api/v1/me and nobody else's, whatever it sends. */
@PostgresIT
class SelfServiceIT {

    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Autowired
    DevTokenIssuer issuer;

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
        Response spent =
                me.post("/api/v1/me/points/spend", "{\"orderId\":\"me-1\",\"orderAmount\":10.00,\"points\":50}");
        assertThat(spent.json().at("/points/available").asLong()).isEqualTo(55);
        JsonNode ledger =
                me.get("/api/v1/me/points/ledger", TOKEN, spent.header(TOKEN)).json();
        assertThat(ledger.get("total").asLong()).isEqualTo(3);
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
