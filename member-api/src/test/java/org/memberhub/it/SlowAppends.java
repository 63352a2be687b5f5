package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.memberhub.it.Api.Response;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A scenario for Axon issue #4829. The projectors are paused; one transaction appends an event and stays open;
 * meanwhile other commands append events of other members; once those are older than the gap timeout (2 s), while
 * the slow transaction is still open, the projectors resume. Axon's gap handling then treats the slow event's
 * global index as a transaction that rolled back unless the events behind it could not commit before it.
 */
final class SlowAppends {

    static final Duration HELD_OPEN = Duration.ofSeconds(8);
    static final Duration RESUME_AFTER = Duration.ofSeconds(4);
    static final int WRITES_PER_MEMBER = 5;

    record Outcome(String slowMember, List<String> otherMembers) {}

    private SlowAppends() {}

    static Outcome run(
            Api api,
            EventStorageEngine events,
            PlatformTransactionManager transactions,
            EventProcessingConfiguration processing)
            throws Exception {
        String slow = register(api);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(register(api));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Collection<EventProcessor> projectors = processing.eventProcessors().values();
        projectors.forEach(EventProcessor::shutDown);
        try {
            CountDownLatch appended = new CountDownLatch(1);
            Future<?> slowTransaction =
                    pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                        events.appendEvents(List.of(new GenericDomainEventMessage<>(
                                "Member", slow, 1, new MemberFrozenEvent(MemberId.of(slow), "held open"))));
                        appended.countDown();
                        sleep(HELD_OPEN);
                    }));
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();

            List<Future<Response>> writes = new ArrayList<>();
            for (String other : others) {
                for (int i = 0; i < WRITES_PER_MEMBER; i++) {
                    writes.add(pool.submit(() -> api.post(
                            "/api/v1/members/" + other + "/points/adjust", "{\"points\":1,\"reason\":\"meanwhile\"}")));
                }
            }
            sleep(RESUME_AFTER.minusNanos(System.nanoTime() - start));
            assertThat(slowTransaction).as("the slow transaction is still open").isNotDone();
            projectors.forEach(EventProcessor::start);
            for (Future<Response> write : writes) {
                Response response = write.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
            slowTransaction.get(60, TimeUnit.SECONDS);
            return new Outcome(slow, others);
        } finally {
            projectors.forEach(EventProcessor::start);
            pool.shutdownNow();
        }
    }

    /** The sequence number of the member's last event in the event store. */
    static long lastSequence(JdbcTemplate jdbc, String member) {
        return jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                member);
    }

    static long readModelVersion(JdbcTemplate jdbc, String table, String idColumn, String member) {
        return jdbc.queryForObject(
                "SELECT version FROM " + table + " WHERE " + idColumn + " = ?::uuid", Long.class, member);
    }

    private static String register(Api api) {
        return api.post("/api/v1/members", member("Slow", mobile(), null))
                .json()
                .get("id")
                .asText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
