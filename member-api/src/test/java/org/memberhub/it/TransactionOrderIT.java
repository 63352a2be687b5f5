package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.memberhub.eventstore.TransactionOrderToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store read while many transactions append at once, some of them rolling back: a reader following the
 * stream sees every committed event exactly once and each aggregate's events in order, whatever order the
 * transactions committed in.
 */
@PostgresIT
class TransactionOrderIT {

    private static final int WRITERS = 8;
    private static final int TRANSACTIONS = 120;

    /** A payload no projector handles. */
    record Probe(String aggregate, long sequence) {}

    @Autowired
    EventStorageEngine events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReaderSeesEveryCommittedEventOnceAndInOrder() throws Exception {
        String run = "probe-" + System.nanoTime() + "-";
        Map<String, Long> committed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(run + writer + "-", committed)));
        }

        Map<String, List<Long>> seen = new HashMap<>();
        TrackingToken token = null;
        boolean writing = true;
        while (writing) {
            writing = writers.stream().anyMatch(writer -> !writer.isDone());
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(token, false)) {
                List<? extends TrackedEventMessage<?>> batch = stream.toList();
                for (TrackedEventMessage<?> event : batch) {
                    token = event.trackingToken();
                    if (event.getPayload() instanceof Probe probe
                            && probe.aggregate().startsWith(run)) {
                        seen.computeIfAbsent(probe.aggregate(), a -> new ArrayList<>())
                                .add(probe.sequence());
                    }
                }
            }
        }
        for (Future<?> writer : writers) {
            writer.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(seen.keySet()).isEqualTo(committed.keySet());
        committed.forEach((aggregate, last) -> assertThat(seen.get(aggregate))
                .as(aggregate)
                .isEqualTo(Stream.iterate(0L, n -> n + 1).limit(last + 1).toList()));
    }

    /**
     * Transaction ids are compared as numbers, also across a power of ten: ordered as text, transaction 100 would come
     * before 99 ("100" < "99"), and a reader, its position then past 99, would never read 99's events. A long-lived
     * server's transaction ids pass such boundaries all the time; here two events are given the ids 99 and 100.
     */
    @Test
    void transactionIdsAreReadInNumericOrderAcrossAPowerOfTen() {
        String aggregate = "digits-" + System.nanoTime();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (long n = 0; n < 2; n++) {
            long sequence = n;
            transaction.executeWithoutResult(status -> events.appendEvents(
                    new GenericDomainEventMessage<>("Probe", aggregate, sequence, new Probe(aggregate, sequence))));
        }
        jdbc.update(
                "UPDATE domain_event_entry SET tx_id = (CASE sequence_number WHEN 0 THEN '99' ELSE '100' END)::xid8"
                        + " WHERE aggregate_identifier = ?",
                aggregate);

        List<Long> seen = new ArrayList<>();
        TrackingToken token = new TransactionOrderToken(98, Long.MAX_VALUE);
        boolean more = true;
        while (more && seen.size() < 2) {
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(token, false)) {
                List<? extends TrackedEventMessage<?>> batch = stream.toList();
                more = !batch.isEmpty();
                for (TrackedEventMessage<?> event : batch) {
                    token = event.trackingToken();
                    if (event.getPayload() instanceof Probe probe
                            && probe.aggregate().equals(aggregate)) {
                        seen.add(probe.sequence());
                    }
                }
            }
        }

        assertThat(seen).containsExactly(0L, 1L);
    }

    /**
     * A transaction that got its id before another appended to an aggregate and committed cannot append the
     * aggregate's next event: read by transaction, that event would come before the one it follows (a Kafka batch's
     * refund before another consumer's purchase of the same member).
     */
    @Test
    void anOlderTransactionCannotAppendAfterANewerOnesEvent() throws Exception {
        String aggregate = "older-" + System.nanoTime();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        ExecutorService newer = Executors.newSingleThreadExecutor();
        try {
            Throwable refused = catchThrowable(() -> transaction.executeWithoutResult(status -> {
                // this transaction gets its id first, appending to another aggregate
                events.appendEvents(new GenericDomainEventMessage<>(
                        "Probe", aggregate + "-other", 0, new Probe(aggregate + "-other", 0)));
                // a newer transaction appends the aggregate's first event and commits
                try {
                    newer.submit(() -> transaction.executeWithoutResult(inner -> events.appendEvents(
                                    new GenericDomainEventMessage<>("Probe", aggregate, 0, new Probe(aggregate, 0)))))
                            .get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                // the older one, seeing that event, appends the next
                events.appendEvents(new GenericDomainEventMessage<>("Probe", aggregate, 1, new Probe(aggregate, 1)));
            }));

            assertThat(refused).hasStackTraceContaining("comes from a transaction older than its previous event");
            assertThat(jdbc.queryForList(
                            "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?",
                            Long.class,
                            aggregate))
                    .containsExactly(0L);
            // tried again in a transaction of its own, it is appended
            transaction.executeWithoutResult(status -> events.appendEvents(
                    new GenericDomainEventMessage<>("Probe", aggregate, 1, new Probe(aggregate, 1))));
        } finally {
            newer.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        aggregate))
                .isEqualTo(2);
    }

    /** Appends one to three events per transaction to one of five aggregates; one transaction in five rolls back. */
    private void write(String prefix, Map<String, Long> committed) {
        Map<String, Long> next = new HashMap<>();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (int t = 0; t < TRANSACTIONS; t++) {
            String aggregate = prefix + ThreadLocalRandom.current().nextInt(5);
            long first = next.getOrDefault(aggregate, 0L);
            int count = 1 + ThreadLocalRandom.current().nextInt(3);
            boolean rollBack = ThreadLocalRandom.current().nextInt(5) == 0;
            transaction.executeWithoutResult(status -> {
                for (long n = first; n < first + count; n++) {
                    events.appendEvents(
                            new GenericDomainEventMessage<>("Probe", aggregate, n, new Probe(aggregate, n)));
                }
                if (rollBack) {
                    status.setRollbackOnly();
                }
            });
            if (!rollBack) {
                next.put(aggregate, first + count);
                committed.put(aggregate, first + count - 1);
            }
        }
    }
}
