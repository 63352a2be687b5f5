package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.memberhub.it.Api.Response;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A scenario for Axon issue #4829. The projectors are paused; one transaction appends an event and stays open until
 * the test lets it commit; meanwhile other commands append events of other members; once those are older than the
 * gap timeout, while the slow transaction is still open, the projectors resume, and the slow transaction commits only
 * when every projector has read as far as it can. Axon's gap handling then treats the slow event's global index as a
 * transaction that rolled back unless the events behind it could not commit before it.
 */
final class SlowAppends {

    /** {@code memberhub.event-store.gap-timeout} of the tests that run the scenario. */
    static final String GAP_TIMEOUT_PROPERTY = "memberhub.event-store.gap-timeout=PT2S";

    static final Duration GAP_TIMEOUT = Duration.ofSeconds(2);
    static final int WRITES_PER_MEMBER = 5;

    record Outcome(String slowMember, List<String> otherMembers) {}

    private SlowAppends() {}

    static Outcome run(
            Api api,
            EventStorageEngine events,
            PlatformTransactionManager transactions,
            EventProcessingConfiguration processing,
            JdbcTemplate jdbc)
            throws Exception {
        String slow = register(api);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(register(api));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Collection<EventProcessor> projectors = processing.eventProcessors().values();
        projectors.forEach(EventProcessor::shutDown);
        CountDownLatch commit = new CountDownLatch(1);
        try {
            CountDownLatch appended = new CountDownLatch(1);
            Future<?> slowTransaction =
                    pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                        events.appendEvents(List.of(new GenericDomainEventMessage<>(
                                "Member", slow, 1, new MemberFrozenEvent(MemberId.of(slow), "held open"))));
                        appended.countDown();
                        awaitCommit(commit);
                    }));
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

            List<Future<Response>> writes = new ArrayList<>();
            for (String other : others) {
                for (int i = 0; i < WRITES_PER_MEMBER; i++) {
                    writes.add(pool.submit(() -> api.post(
                            "/api/v1/members/" + other + "/points/adjust", "{\"points\":1,\"reason\":\"meanwhile\"}")));
                }
            }
            // every event behind the open transaction is stored and older than the gap timeout
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> others.stream().allMatch(other -> lastSequence(jdbc, other) == WRITES_PER_MEMBER));
            Instant newest = newestEvent(jdbc, others);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Instant.now().isAfter(newest.plus(GAP_TIMEOUT).plusMillis(500)));
            assertThat(slowTransaction).as("the slow transaction is still open").isNotDone();

            projectors.forEach(EventProcessor::start);
            await().atMost(Duration.ofSeconds(60)).until(() -> readAsFarAsTheyCan(projectors));
            assertThat(slowTransaction).as("the slow transaction is still open").isNotDone();
            commit.countDown();
            for (Future<Response> write : writes) {
                Response response = write.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
            slowTransaction.get(60, TimeUnit.SECONDS);
            return new Outcome(slow, others);
        } finally {
            commit.countDown();
            projectors.forEach(EventProcessor::start);
            pool.shutdownNow();
        }
    }

    /**
     * Waits until every segment of the processor, all segments there are, has read as far as the global index: any
     * event before it that the processor still expects has then been read too.
     */
    static void awaitReadPast(
            JdbcTemplate jdbc, EventProcessingConfiguration processing, String processorName, long globalIndex) {
        StreamingEventProcessor processor = processing
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            int segments = jdbc.queryForObject(
                    "SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, processorName);
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            return status.size() == segments
                    && status.values().stream()
                            .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= globalIndex);
        });
    }

    /** Whether every segment of every streaming projector has read all events it can see now. */
    private static boolean readAsFarAsTheyCan(Collection<EventProcessor> projectors) {
        return projectors.stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .allMatch(projector -> !projector.processingStatus().isEmpty()
                        && projector.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }

    private static Instant newestEvent(JdbcTemplate jdbc, List<String> members) {
        return members.stream()
                .map(member -> jdbc.queryForObject(
                        "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?"
                                + " ORDER BY sequence_number DESC LIMIT 1",
                        String.class,
                        member))
                .map(Instant::parse)
                .max(Instant::compareTo)
                .orElseThrow();
    }

    private static void awaitCommit(CountDownLatch commit) {
        try {
            if (!commit.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the slow transaction commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
}
