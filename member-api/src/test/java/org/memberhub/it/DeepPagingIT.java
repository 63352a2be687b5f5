package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The member list and the audit log page by number only for the first 10 000 rows; deeper, by cursor, which walks a
 * whole list in its order without repeating or missing an entry, even while new entries arrive.
 */
@PostgresIT
class DeepPagingIT {

    private static final String MEMBERS = "/api/v1/members";
    private static final String AUDIT_LOG = "/api/v1/audit/log";

    @Autowired
    Api api;

    @Test
    void pagesByNumberSkipAtMostTenThousandRows() {
        for (String list : List.of(MEMBERS, AUDIT_LOG)) {
            for (String tooDeep : List.of("?page=51&size=200", "?page=10001&size=1", "?page=2147483647&size=200")) {
                Response refused = api.get(list + tooDeep);
                assertThat(refused.status()).as(list + tooDeep + ": " + refused).isEqualTo(400);
                assertThat(refused.json().get("code").asText()).isEqualTo("PAGE_TOO_DEEP");
            }
            Response deepest = api.get(list + "?page=50&size=200");
            assertThat(deepest.status()).as(list + ": " + deepest).isEqualTo(200);
            Response deepestOfOne = api.get(list + "?page=10000&size=1");
            assertThat(deepestOfOne.status()).as(list + ": " + deepestOfOne).isEqualTo(200);
        }
    }

    @Test
    void aCursorWalksTheWholeMemberListOnceInEverySortOrder() {
        String tag = marker();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            created.add(register(tag, i));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        api.get(MEMBERS + "?tag=" + tag).json().get("total").asLong() == created.size());
        for (String sort : List.of("joinedAt,desc", "name,asc", "level,desc", "status,asc", "updatedAt,desc")) {
            List<String> walked = walk(MEMBERS + "?tag=" + tag + "&size=4&sort=" + sort, "id", page -> {});
            assertThat(walked).as(sort).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
            List<String> inOnePage = ids(api.get(MEMBERS + "?tag=" + tag + "&size=200&sort=" + sort), "id");
            assertThat(walked).as(sort + ", in the list's order").containsExactlyElementsOf(inOnePage);
        }

        // members joining during the walk (newest first) come before its start: the walk still meets each member once
        List<String> walked =
                walk(MEMBERS + "?tag=" + tag + "&size=4&sort=joinedAt,desc", "id", page -> register(tag, 100 + page));
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aCursorWalksTheWholeAuditLogOnceWhileEntriesArrive() {
        String id = register(marker(), 0);
        String member = MEMBERS + "/" + id;
        for (int i = 0; i < 14; i++) {
            api.post(member + "/points/adjust", "{\"points\":" + (i + 1) + ",\"reason\":\"walk " + i + "\"}");
        }
        String log = AUDIT_LOG + "?memberId=" + id;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(log).json().get("total").asLong() == 15);
        List<String> entries = ids(api.get(log + "&size=500"), "globalIndex");

        List<String> walked = walk(log + "&size=4", "globalIndex", page -> {});
        assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(entries);

        // new entries land before the walk's start (newest first), never in the pages still to come
        List<String> walkedWhileWriting = walk(
                log + "&size=4",
                "globalIndex",
                page -> api.post(member + "/points/adjust", "{\"points\":1,\"reason\":\"meanwhile " + page + "\"}"));
        assertThat(walkedWhileWriting).doesNotHaveDuplicates().containsExactlyElementsOf(entries);

        for (String bad : List.of("not-a-cursor", "YXVkaXQ6LTE", "bWVtYmVyOjE")) {
            Response refused = api.get(log + "&cursor=" + bad);
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_CURSOR");
        }
    }

    private String register(String tag, int number) {
        Response created = api.post(MEMBERS, member("Walker " + number, mobile(), null, tag));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Follows nextCursor from the first page to the last, calling {@code betweenPages} after each page. */
    private List<String> walk(String first, String key, IntConsumer betweenPages) {
        List<String> walked = new ArrayList<>();
        Response page = api.get(first);
        for (int number = 0; ; number++) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            walked.addAll(ids(page, key));
            JsonNode cursor = page.json().get("nextCursor");
            if (cursor.isNull()) {
                assertThat(page.json().get("next").isNull()).isTrue();
                return walked;
            }
            assertThat(page.json().get("next").asText()).contains("cursor=" + cursor.asText());
            assertThat(number).as("pages walked").isLessThan(100);
            betweenPages.accept(number);
            page = api.get(first + "&cursor=" + cursor.asText());
        }
    }

    private static List<String> ids(Response page, String key) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("items").findValuesAsText(key);
    }
}
