package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One rule for every read about a member, the rule of the member itself: an unknown member is 404
 * {@code MEMBER_NOT_FOUND} and a deleted one 404 {@code MEMBER_DELETED} on points, ledger, lots, level, level history,
 * benefits and activities alike, and a deleted member's own token gets the same on every self-service read; a member
 * token bound to a member that never existed is refused (403) on every self-service read instead of being shown empty
 * lists.
 */
@PostgresIT
class UnknownAndDeletedMembersIT {

    private static final List<String> READS = List.of(
            "", "/points", "/points/ledger", "/points/lots", "/level", "/level/history", "/benefits", "/activities");

    private static final List<String> MY_READS =
            List.of("", "/points", "/points/ledger", "/points/lots", "/level", "/benefits", "/activities");

    @Autowired
    Api api;

    @Test
    void everyReadOfAnUnknownMemberIs404() {
        String unknown = UUID.randomUUID().toString();
        for (String read : READS) {
            Response response = api.get("/api/v1/members/" + unknown + read);
            assertThat(response.status()).as(read + " " + response).isEqualTo(404);
            assertThat(response.json().get("code").asText()).as(read).isEqualTo("MEMBER_NOT_FOUND");
        }
    }

    @Test
    void everyReadOfADeletedMemberIs404Deleted() {
        String id = api.post("/api/v1/members", member("Deleted", mobile(), null))
                .json()
                .get("id")
                .asText();
        assertThat(api.delete("/api/v1/members/" + id + "?reason=left").status())
                .isEqualTo(204);
        await().atMost(Duration.ofMinutes(1)).until(() -> "MEMBER_DELETED"
                .equals(api.get("/api/v1/members/" + id).json().path("code").asText()));

        for (String read : READS) {
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                Response response = api.get("/api/v1/members/" + id + read);
                assertThat(response.status()).as(read + " " + response).isEqualTo(404);
                assertThat(response.json().get("code").asText()).as(read).isEqualTo("MEMBER_DELETED");
            });
        }
        Api former = api.asMember(id);
        for (String read : MY_READS) {
            Response response = former.get("/api/v1/me" + read);
            assertThat(response.status())
                    .as("the deleted member's own token: " + read + " " + response)
                    .isEqualTo(404);
            assertThat(response.json().get("code").asText()).as(read).isEqualTo("MEMBER_DELETED");
        }
    }

    @Test
    void aMemberTokenBoundToNoMemberIsRefusedOnEveryRead() {
        Api nobody = api.asMember(UUID.randomUUID().toString());
        for (String read : MY_READS) {
            Response response = nobody.get("/api/v1/me" + read);
            assertThat(response.status()).as(read + " " + response).isEqualTo(403);
            assertThat(response.json().get("code").asText()).as(read).isEqualTo("MEMBER_BINDING_MISSING");
        }
    }
}
