package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.api.security.dev.DevTokenIssuer;
import org.memberhub.it.Api.Response;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.cache.MemberViewCache;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Two instances, each with its cache of member views: a member read (and so cached) on both, then changed through
 * one, is shown changed by both once the change is projected, whichever instance projected it; a read carrying the
 * change's consistency token is never answered from an older entry; the caches' hits and misses are counted.
 */
@PostgresIT
@DirtiesContext
class MemberViewCacheIT {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    /** The caches' bean names: member details, balances, levels. */
    private static final String[] CACHES = {"memberViews", "memberPoints", "memberLevels"};

    @Autowired
    Api first;

    @Autowired
    Environment environment;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    JdbcTemplate jdbc;

    private SecondInstance secondInstance;
    private Api second;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = SecondInstance.start(environment, issuer);
        second = secondInstance.api();
    }

    @AfterEach
    void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void aChangedMemberIsNotServedStaleOnEitherInstanceOnceProjected() {
        Response registered = first.post("/api/v1/members", member("Cached", mobile(), null));
        String id = registered.json().get("id").asText();
        String detail = "/api/v1/members/" + id;
        String registeredToken = registered.header("X-Consistency-Token");
        for (Api instance : new Api[] {first, second}) {
            assertThat(instance.get(detail, "X-Consistency-Token", registeredToken)
                            .status())
                    .isEqualTo(200);
        }
        double hitsBefore = gets(second, "member-views", "hit");

        assertThat(second.get(detail).json().get("name").asText()).isEqualTo("Cached");
        assertThat(second.get(detail).json().get("name").asText()).isEqualTo("Cached");
        assertThat(gets(second, "member-views", "hit")).isGreaterThanOrEqualTo(hitsBefore + 2);

        Response changed = first.put(detail, member("Changed", mobile(), null), "If-Match", "\"0\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String changedToken = changed.header("X-Consistency-Token");

        // with the change's token, neither instance answers from its older entry (a miss, unless the instance has
        // already read the change into its cache)
        for (Api instance : new Api[] {second, first}) {
            Response read = instance.get(detail, "X-Consistency-Token", changedToken);
            assertThat(read.json().get("name").asText()).isEqualTo("Changed");
            assertThat(read.json().get("version").asLong()).isEqualTo(1);
        }

        // once projected, every later read on either instance shows the change, without a token too
        await().atMost(Duration.ofSeconds(10)).until(() -> projectedVersion(id) >= 1);
        for (Api instance : new Api[] {first, second}) {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> version(instance.get(detail)) == 1);
            for (int read = 0; read < 20; read++) {
                assertThat(instance.get(detail).json().get("name").asText()).isEqualTo("Changed");
            }
        }

        // a change the second instance did not project (the first holds every segment) still reaches its cache
        Response frozen = first.post(detail + "/freeze", null);
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> projectedVersion(id) >= 2);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        "FROZEN".equals(second.get(detail).json().get("status").asText()));
    }

    @Test
    void selfServiceReadsAreCachedAndFollowChanges() {
        String id = first.post("/api/v1/members", member("Self", mobile(), null))
                .json()
                .get("id")
                .asText();
        Api me = second.asMember(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> me.get("/api/v1/me").status() == 200);
        me.get("/api/v1/me/points");
        me.get("/api/v1/me/level");
        double profileHits = gets(second, "member-views", "hit");
        double pointsHits = gets(second, "member-points", "hit");
        double levelHits = gets(second, "member-levels", "hit");

        assertThat(me.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(me.get("/api/v1/me/points").json().get("available").asLong()).isZero();
        assertThat(me.get("/api/v1/me/level").status()).isEqualTo(200);
        assertThat(gets(second, "member-views", "hit")).isGreaterThan(profileHits);
        assertThat(gets(second, "member-points", "hit")).isGreaterThan(pointsHits);
        assertThat(gets(second, "member-levels", "hit")).isGreaterThan(levelHits);

        Response purchase =
                first.post("/api/v1/members/" + id + "/purchases", "{\"orderId\":\"cache-1\",\"amount\":600.00}");
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
        long pending = purchase.json().at("/decision/pointsEarned").asLong();
        assertThat(pending).isPositive();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> me.get("/api/v1/me/points").json().get("pending").asLong() == pending);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        me.get("/api/v1/me/level").json().at("/level/netSpend").asDouble() > 0);
    }

    /**
     * The caches read a member's new views after each change, before anyone asks: on the instance that did not
     * project the change too, told of it only by PostgreSQL's notification.
     */
    @Test
    void registeredAndChangedMembersAreReadIntoEveryCacheBeforeAnyoneAsks() {
        Response registered = first.post("/api/v1/members", member("Filled", mobile(), null));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        MemberId member = MemberId.of(registered.json().get("id").asText());
        ConsistencyToken token = ConsistencyToken.parse(registered.header("X-Consistency-Token"));
        for (String cache : CACHES) {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> heldWithoutReading(secondInstance.bean(cache, MemberViewCache.class), member, token));
        }

        Response purchase = first.post(
                "/api/v1/members/" + member.value() + "/purchases", "{\"orderId\":\"filled-1\",\"amount\":600.00}");
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(200);
        ConsistencyToken purchased = ConsistencyToken.parse(purchase.header("X-Consistency-Token"));
        assertThat(purchased.version()).isGreaterThan(token.version());
        for (String cache : CACHES) {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() ->
                            heldWithoutReading(secondInstance.bean(cache, MemberViewCache.class), member, purchased));
        }
    }

    /** Whether the cache answers for the member, at least as new as the token, without reading the read model. */
    private static <V> boolean heldWithoutReading(MemberViewCache<V> cache, MemberId member, ConsistencyToken token) {
        boolean[] read = {false};
        cache.find(member, token, () -> {
            read[0] = true;
            return Optional.empty();
        });
        return !read[0];
    }

    private long projectedVersion(String id) {
        Long version = jdbc.queryForObject("SELECT version FROM members WHERE id = ?::uuid", Long.class, id);
        return version == null ? -1 : version;
    }

    private static long version(Response response) {
        Matcher matcher = VERSION.matcher(response.body());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static double gets(Api instance, String cache, String result) {
        String metrics = instance.as("admin").get("/prometheus").body();
        Matcher matcher = Pattern.compile(
                        "cache_gets_total\\{cache=\"" + cache + "\",[^}]*result=\"" + result + "\"[^}]*} ([0-9.E+]+)")
                .matcher(metrics);
        assertThat(matcher.find())
                .as("cache_gets_total of %s, %s", cache, result)
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
