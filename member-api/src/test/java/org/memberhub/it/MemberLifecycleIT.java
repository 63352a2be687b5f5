package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** The member lifecycle through HTTP on PostgreSQL, reading its own writes with consistency tokens. */
@PostgresIT
class MemberLifecycleIT {

    private static final String MEMBERS = "/api/v1/members";
    private static final String TOKEN = "X-Consistency-Token";

    @Autowired
    Api api;

    @Test
    void createListUpdateDeleteWithOptimisticLocking() {
        String tag = marker();
        String aliceMobile = mobile();
        Response created = api.post(MEMBERS, member("Alice " + tag, aliceMobile, tag + "@example.com", tag, "vip"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(MEMBERS + "/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.json().get("version").asLong()).isZero();
        assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.json().get("level").asInt()).isEqualTo(1);
        assertThat(created.json().get("mobile").asText()).isEqualTo(aliceMobile);

        // read your own write: the list right after the create shows the new member
        Response listed = api.get(MEMBERS + "?tag=" + tag, TOKEN, created.header(TOKEN));
        assertThat(ids(listed)).containsExactly(id);
        assertThat(listed.json().get("total").asLong()).isEqualTo(1);
        assertThat(listed.json().get("page").asInt()).isZero();
        assertThat(listed.json().get("size").asInt()).isEqualTo(20);

        Response fetched = api.get(MEMBERS + "/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"0\"");
        assertThat(fetched.json().get("name").asText()).isEqualTo("Alice " + tag);
        assertThat(fetched.json().get("tags")).hasSize(2);

        Response updated =
                api.put(MEMBERS + "/" + id, member("Alice Li " + tag, aliceMobile, null, tag), "If-Match", "\"0\"");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"1\"");
        assertThat(updated.json().get("name").asText()).isEqualTo("Alice Li " + tag);
        assertThat(updated.json().get("email").isNull()).isTrue();

        // a second member of staff still holding version 0 loses, and changes nothing
        Response stale =
                api.put(MEMBERS + "/" + id, member("Lost update " + tag, aliceMobile, null, tag), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("VERSION_MISMATCH");
        Response afterStale = api.get(MEMBERS + "/" + id, TOKEN, updated.header(TOKEN));
        assertThat(afterStale.json().get("name").asText()).isEqualTo("Alice Li " + tag);
        assertThat(afterStale.header("ETag")).isEqualTo("\"1\"");

        Response staleDelete = api.delete(MEMBERS + "/" + id, "If-Match", "\"0\"");
        assertThat(staleDelete.status()).isEqualTo(412);

        Response deleted = api.delete(MEMBERS + "/" + id + "?reason=asked", "If-Match", "\"1\"");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.header("ETag")).isEqualTo("\"2\"");

        Response gone = api.get(MEMBERS + "/" + id, TOKEN, deleted.header(TOKEN));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("MEMBER_DELETED");
        assertThat(api.get(MEMBERS + "?tag=" + tag, TOKEN, deleted.header(TOKEN))
                        .json()
                        .get("total")
                        .asLong())
                .isZero();

        // deletion frees the mobile number for a new registration
        assertThat(api.post(MEMBERS, member("Alice again", aliceMobile, null)).status())
                .isEqualTo(201);
    }

    @Test
    void listFiltersByEveryCriterionSortsAndPages() {
        String tag = marker();
        String aliceMobile = mobile();
        Response alice = api.post(MEMBERS, member("Alice " + tag, aliceMobile, "alice." + tag + "@example.com", tag));
        Response bob = api.post(MEMBERS, member("Bob " + tag, mobile(), "bob." + tag + "@shop.cn", tag, "vip"));
        Response carol = api.post(MEMBERS, member("Carol " + tag, mobile(), null, tag, "vip"));
        String aliceId = alice.json().get("id").asText();
        String bobId = bob.json().get("id").asText();
        String carolId = carol.json().get("id").asText();
        Response frozen = api.post(MEMBERS + "/" + carolId + "/freeze", "{\"reason\":\"audit\"}");
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
        assertThat(frozen.json().get("status").asText()).isEqualTo("FROZEN");
        String token = frozen.header(TOKEN);

        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&q=ALICE", TOKEN, token)))
                .containsExactly(aliceId);
        assertThat(ids(api.get(MEMBERS + "?q=" + aliceMobile.substring(2), TOKEN, token)))
                .containsExactly(aliceId);
        assertThat(ids(api.get(MEMBERS + "?q=bob." + tag + "@SHOP", TOKEN, token)))
                .containsExactly(bobId);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&status=FROZEN", TOKEN, token)))
                .containsExactly(carolId);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&status=ACTIVE&status=FROZEN", TOKEN, token)))
                .hasSize(3);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&level=1", TOKEN, token)))
                .hasSize(3);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&level=2&level=5", TOKEN, token)))
                .isEmpty();
        assertThat(ids(api.get(MEMBERS + "?tag=vip&q=" + tag, TOKEN, token))).containsExactlyInAnyOrder(bobId, carolId);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&joinedFrom=" + today + "&joinedTo=" + today, TOKEN, token)))
                .hasSize(3);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&joinedTo=" + today.minusDays(1), TOKEN, token)))
                .isEmpty();
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&joinedFrom=" + today.plusDays(1), TOKEN, token)))
                .isEmpty();

        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&sort=name,asc", TOKEN, token)))
                .containsExactly(aliceId, bobId, carolId);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&sort=name,desc", TOKEN, token)))
                .containsExactly(carolId, bobId, aliceId);
        assertThat(ids(api.get(MEMBERS + "?tag=" + tag + "&sort=joinedAt,asc", TOKEN, token)))
                .containsExactly(aliceId, bobId, carolId);

        Response secondPage = api.get(MEMBERS + "?tag=" + tag + "&sort=name&size=2&page=1", TOKEN, token);
        assertThat(ids(secondPage)).containsExactly(carolId);
        assertThat(secondPage.json().get("total").asLong()).isEqualTo(3);
        assertThat(secondPage.json().get("size").asInt()).isEqualTo(2);
        assertThat(secondPage.json().get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.json().get("totalEstimated").asBoolean()).isFalse();
        assertThat(secondPage.json().get("nextCursor").isNull())
                .as("the last page has no next")
                .isTrue();

        // deep pages by cursor: the first page's cursor leads to the same page as page=1, in the same order
        Response firstPage = api.get(MEMBERS + "?tag=" + tag + "&sort=name&size=2", TOKEN, token);
        assertThat(ids(firstPage)).containsExactly(aliceId, bobId);
        String cursor = firstPage.json().get("nextCursor").asText();
        assertThat(firstPage.json().get("next").asText())
                .contains("cursor=" + cursor)
                .doesNotContain("page=");
        Response byCursor = api.get(MEMBERS + "?tag=" + tag + "&sort=name&size=2&cursor=" + cursor, TOKEN, token);
        assertThat(ids(byCursor)).containsExactly(carolId);
        assertThat(byCursor.json().get("nextCursor").isNull()).isTrue();

        // a cursor of another sort order, or not a cursor at all, is refused
        for (String bad : new String[] {"&sort=name,desc&cursor=" + cursor, "&cursor=not-a-cursor"}) {
            Response refused = api.get(MEMBERS + "?tag=" + tag + bad);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_CURSOR");
        }
    }

    @Test
    void shortSearchTextsMatchAsLongOnesDo() {
        String tag = marker();
        String linMobile = mobile();
        String lin = api.post(MEMBERS, member("林晓明", linMobile, null, tag))
                .json()
                .get("id")
                .asText();
        String wang = api.post(MEMBERS, member("王林", mobile(), null, tag))
                .json()
                .get("id")
                .asText();
        String alice = api.post(MEMBERS, member("Alice Li", mobile(), "al." + tag + "@example.com", tag))
                .json()
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        api.get(MEMBERS + "?tag=" + tag).json().get("total").asLong() == 3);

        // one or two characters: any character, or two adjacent ones, of a name, in any case
        assertThat(ids(search(tag, "林"))).containsExactlyInAnyOrder(lin, wang);
        assertThat(ids(search(tag, "林晓"))).containsExactly(lin);
        assertThat(ids(search(tag, "晓明"))).containsExactly(lin);
        assertThat(ids(search(tag, "林明"))).as("not adjacent").isEmpty();
        assertThat(ids(search(tag, "lI"))).containsExactly(alice);
        assertThat(ids(search(tag, "A"))).containsExactly(alice);
        assertThat(ids(search(tag, " "))).as("blank is no filter").hasSize(3);
        // digits are looked for in mobile numbers and e-mail addresses too
        assertThat(ids(search(tag, linMobile.substring(9)))).contains(lin);
        assertThat(ids(search(tag, linMobile.substring(1)))).containsExactly(lin);
        // a Chinese text is in no mobile or e-mail; longer texts as before
        assertThat(ids(search(tag, "林晓明"))).containsExactly(lin);
        assertThat(ids(search(tag, "alice l"))).containsExactly(alice);

        Response first = api.get(MEMBERS + "?tag=" + tag + "&q=" + encode("林") + "&sort=name,asc&size=1");
        assertThat(first.json().get("total").asLong()).isEqualTo(2);
        Response second = api.get(MEMBERS + "?tag=" + tag + "&q=" + encode("林") + "&sort=name,asc&size=1&cursor="
                + first.json().get("nextCursor").asText());
        assertThat(ids(first)).hasSize(1);
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
        Response third = api.get(MEMBERS + "?tag=" + tag + "&q=" + encode("林") + "&sort=name,asc&size=1&cursor="
                + second.json().get("nextCursor").asText());
        assertThat(ids(third)).isEmpty();
    }

    private Response search(String tag, String text) {
        return api.get(MEMBERS + "?tag=" + tag + "&q=" + encode(text));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void freezeAndUnfreezeAnswerWithTheDecidedState() {
        Response created = api.post(MEMBERS, member("Dora " + marker(), mobile(), null));
        String id = created.json().get("id").asText();

        Response frozen = api.post(MEMBERS + "/" + id + "/freeze", null, "If-Match", "\"0\"");
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
        assertThat(frozen.json().get("status").asText()).isEqualTo("FROZEN");
        assertThat(frozen.header("ETag")).isEqualTo("\"1\"");

        Response unfrozen = api.post(MEMBERS + "/" + id + "/unfreeze", "{}");
        assertThat(unfrozen.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(unfrozen.json().get("version").asLong()).isEqualTo(2);

        Response current = api.get(MEMBERS + "/" + id, TOKEN, unfrozen.header(TOKEN));
        assertThat(current.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.get(MEMBERS + "/" + id, "If-None-Match", current.header("ETag"))
                        .status())
                .isEqualTo(304);
    }

    private static List<String> ids(Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("items")) {
            ids.add(item.get("id").asText());
        }
        return ids;
    }
}
