package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
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
        long next = jdbc.queryForObject(
                        "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        id)
                + 1;
        double retriedBefore = counter("retried");
        double deadLetteredBefore = counter("dead_lettered");

        try (Connection stalled = dataSource.getConnection()) {
            stalled.setAutoCommit(false);
            try (PreparedStatement append = stalled.prepareStatement(
                    "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                            + " payload, payload_type, time_stamp) VALUES (?, ?, 'Member', ?, ?, 'stalled', ?)")) {
                append.setString(1, id);
                append.setLong(2, next);
                append.setString(3, UUID.randomUUID().toString());
                append.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
                append.setString(5, Instant.now().toString());
                append.executeUpdate();
            }
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
            stalled.rollback();
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
        try (KafkaConsumer<String, String> consumer = deadLetterConsumer()) {
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
        assertThat(header(letter, "memberhub-error-code")).isEqualTo("UNKNOWN_ORDER");
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

    private KafkaConsumer<String, String> deadLetterConsumer() {
        Map<String, Object> properties =
                KafkaTestUtils.consumerProps("dlt-reader-" + UUID.randomUUID(), "false", broker);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
