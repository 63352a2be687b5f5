package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.SlowAppends.lastSequence;
import static org.memberhub.it.SlowAppends.readModelVersion;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.memberhub.it.Api.Response;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends on PostgreSQL do not wait for each other: while one append transaction stays open, 32 writers to other
 * members all complete. The projectors meanwhile wait for the open transaction, so that nothing after it can be passed
 * before it commits; once it does, every event reaches every read model exactly once.
 */
@PostgresIT
class ParallelAppendIT {

    private static final int WRITERS = 32;

    @Autowired
    Api api;

    @Autowired
    EventStorageEngine events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void writersToOtherMembersDoNotWaitForAnOpenAppend() throws Exception {
        String held = register();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            others.add(register());
        }
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> readModelVersion(jdbc, "points_balances", "member_id", others.get(WRITERS - 1)) == 0);

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> open = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                events.appendEvents(List.of(new GenericDomainEventMessage<>(
                        "Member", held, 1, new MemberFrozenEvent(MemberId.of(held), "held open"))));
                appended.countDown();
                awaitQuietly(release);
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

            List<Future<Response>> writes = new ArrayList<>();
            for (String other : others) {
                writes.add(pool.submit(() -> api.post(
                        "/api/v1/members/" + other + "/points/adjust", "{\"points\":7,\"reason\":\"parallel\"}")));
            }
            for (Future<Response> write : writes) {
                Response response = write.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
            assertThat(open)
                    .as("every writer finished while the append was still open")
                    .isNotDone();
            assertThat(readModelVersion(jdbc, "points_balances", "member_id", others.get(0)))
                    .as("no reader passes the open transaction")
                    .isZero();

            release.countDown();
            open.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT status FROM members WHERE id = ?::uuid", String.class, held))
                    .isEqualTo("FROZEN");
            for (String member : others) {
                assertThat(readModelVersion(jdbc, "points_balances", "member_id", member))
                        .isEqualTo(lastSequence(jdbc, member));
            }
        });
        for (String member : others) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid", Integer.class, member))
                    .as("each adjustment in the ledger exactly once")
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "SELECT available FROM points_balances WHERE member_id = ?::uuid", Long.class, member))
                    .isEqualTo(7);
        }
    }

    private String register() {
        Response created = api.post("/api/v1/members", member("Parallel", mobile(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
