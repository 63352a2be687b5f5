package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What is wrong with the infrastructure never sends a good message to the dead-letter topic: a purchase whose command
 * cannot get at the database (here a stalled writer holds the member's next event, so every attempt hits the command
 * lock timeout) is retried far past {@code retry-max-elapsed} and applied once the database is back. Only a refund
 * that waits for a purchase that never comes is given up after that window, with its own code.
 */
@PostgresIT
@DirtiesContext
@EmbeddedKafka(
        kraft = true,
        partitions = 3,
        topics = {"memberhub.purchases", "memberhub.refunds", "memberhub.purchases.dlt", "memberhub.refunds.dlt"},
        bootstrapServersProperty = "memberhub.test.kafka-brokers")
@TestPropertySource(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "memberhub.kafka.retry-initial-interval=50ms",
            "memberhub.kafka.retry-max-interval=500ms",
            "memberhub.kafka.retry-max-elapsed=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageIT {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aPurchaseThatCannotReachTheDatabaseIsRetriedPastTheWindowAndAppliedOnce() throws Exception {
        String id = api.post("/api/v1/members", member("Outage", mobile(), null))
                .json()
                .get("id")
                .asText();
        String orderId = "outage-" + marker();
        double retriedBefore = counter("retried");
        double deadLetteredBefore = counter("dead_lettered");

        try (StalledWriter stalled = StalledWriter.holdingTheNextEventOf(dataSource, id)) {
            kafka.send(
                    "memberhub.purchases",
                    id,
                    "{\"eventId\":\"e-" + orderId + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\"" + id
                            + "\",\"amount\":\"30.00\"}");

            // the back-off's pauses alone (50, 100, 200, 400, then 500 ms) pass the 2 s window after seven retries;
            // every attempt also waits out the 2 s command lock timeout
            await().atMost(Duration.ofMinutes(3))
                    .until(() ->
                            counter("retried") - retriedBefore >= 12 || counter("dead_lettered") > deadLetteredBefore);
            assertThat(counter("dead_lettered") - deadLetteredBefore)
                    .as("still retried, not dead-lettered")
                    .isZero();
            assertThat(earned(id, orderId)).isZero();
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> earned(id, orderId) == 1L);
        assertThat(counter("dead_lettered") - deadLetteredBefore)
                .as("nothing dead-lettered")
                .isZero();
    }

    @Test
    void aRefundWhosePurchaseNeverComesIsDeadLetteredAfterTheWindowAsUnknownOrder() {
        String id = api.post("/api/v1/members", member("Orphan refund", mobile(), null))
                .json()
                .get("id")
                .asText();
        String refundId = "orphan-" + marker();
        kafka.send(
                "memberhub.refunds",
                id,
                "{\"eventId\":\"e-" + refundId + "\",\"refundId\":\"" + refundId + "\",\"orderId\":\"never-" + refundId
                        + "\",\"memberId\":\"" + id + "\",\"amount\":\"5.00\"}");

        List<ConsumerRecord<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = DeadLetters.consumer(broker)) {
            consumer.subscribe(List.of("memberhub.refunds.dlt"));
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
                return letters.stream().anyMatch(letter -> letter.value().contains(refundId));
            });
        }
        ConsumerRecord<String, String> letter = letters.stream()
                .filter(record -> record.value().contains(refundId))
                .findFirst()
                .orElseThrow();
        assertThat(DeadLetters.header(letter, "memberhub-error-code")).isEqualTo("UNKNOWN_ORDER");
    }

    /** The consumers stop while the broker still runs (see KafkaIngestIT). */
    @AfterAll
    void stopConsumers() {
        listeners.stop();
    }

    private long earned(String memberId, String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid AND reference = ?",
                Long.class,
                memberId,
                orderId);
    }

    private double counter(String outcome) {
        var response = api.get("/metrics/memberhub.kafka.messages?tag=outcome:" + outcome);
        return response.status() == 404
                ? 0
                : response.json().at("/measurements/0/value").asDouble();
    }
}
