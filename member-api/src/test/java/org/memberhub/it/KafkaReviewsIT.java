package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Reviews of purchased orders from the order services' review topic, on a real (in-process KRaft) broker and
 * PostgreSQL: a review earns its points once however often it is delivered (and is the same review as one through the
 * API); a review of an order never purchased, of an order refunded in full, and messages that are malformed or miss a
 * field go to the dead-letter topic with their codes and change nothing.
 *
 * <p>A member's messages share a partition (they are keyed by member) and are applied in order: a message sent after
 * the others and found in the dead-letter topic says that the ones before it were handled.
 */
@PostgresIT
@DirtiesContext
@EmbeddedKafka(
        kraft = true,
        partitions = 3,
        topics = {
            "memberhub.purchases",
            "memberhub.refunds",
            "memberhub.reviews",
            "memberhub.purchases.dlt",
            "memberhub.refunds.dlt",
            "memberhub.reviews.dlt"
        },
        // the broker's address must not leak to later tests' applications (see KafkaIngestIT)
        bootstrapServersProperty = "memberhub.test.kafka-brokers")
@TestPropertySource(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "memberhub.kafka.retry-initial-interval=50ms",
            "memberhub.kafka.retry-max-interval=500ms",
            // how long a review waits for its purchase before it is dead-lettered as UNKNOWN_ORDER
            "memberhub.kafka.retry-max-elapsed=2s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaReviewsIT {

    private static final String REVIEWS = "memberhub.reviews";
    private static final String CODE = "memberhub-error-code";

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    private KafkaConsumer<String, String> deadLetterReader;
    private final List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();

    @BeforeAll
    void readDeadLetters() {
        deadLetterReader = DeadLetters.consumer(broker);
        deadLetterReader.subscribe(List.of(REVIEWS + ".dlt"));
    }

    @Test
    void aReviewEarnsItsPointsOnceHoweverOftenItIsDelivered() {
        String id = registered("Reviewer");
        String orderId = "rv-" + marker();
        purchased(id, orderId, "80.00");
        long events = events(id);

        String review = review(id, orderId, "e-" + orderId);
        for (int i = 0; i < 3; i++) {
            kafka.send(REVIEWS, id, review);
        }
        handledUpTo(id);

        assertThat(events(id)).as("one review event, for three deliveries").isEqualTo(events + 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> reviewPoints(id, orderId) == 10L);
        assertThat(reviewEntries(id, orderId)).isEqualTo(1L);

        // the same review through the API is the same review: a duplicate with the first decision
        Api.Response again = api.post(points(id) + "/earn", "{\"type\":\"REVIEW\",\"orderId\":\"" + orderId + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().at("/decision/points").asLong()).isEqualTo(10L);
        assertThat(events(id)).isEqualTo(events + 1);
    }

    @Test
    void aReviewAfterAPartialRefundStillEarns() {
        String id = registered("Partly refunded");
        String orderId = "rv-" + marker();
        purchased(id, orderId, "80.00");
        refunded(id, "rf-" + orderId, orderId, "79.99");
        long events = events(id);

        kafka.send(REVIEWS, id, review(id, orderId, "e-" + orderId));
        handledUpTo(id);

        assertThat(events(id)).isEqualTo(events + 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> reviewPoints(id, orderId) == 10L);
    }

    @Test
    void aReviewOfAnOrderRefundedInFullIsRefusedThroughKafkaAndTheApiAndChangesNothing() {
        String id = registered("Fully refunded");
        String orderId = "rv-" + marker();
        purchased(id, orderId, "80.00");
        refunded(id, "rf1-" + orderId, orderId, "30.00");
        refunded(id, "rf2-" + orderId, orderId, "50.00");
        long events = events(id);

        String eventId = "e-" + orderId;
        kafka.send(REVIEWS, id, review(id, orderId, eventId));

        assertThat(DeadLetters.header(deadLetter(eventId), CODE)).isEqualTo("ORDER_FULLY_REFUNDED");
        assertThat(DeadLetters.header(deadLetter(eventId), "memberhub-error")).contains(orderId);
        Api.Response refused = api.post(points(id) + "/earn", "{\"type\":\"REVIEW\",\"orderId\":\"" + orderId + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("ORDER_FULLY_REFUNDED");
        assertThat(events(id)).as("nothing appended").isEqualTo(events);
        assertThat(reviewEntries(id, orderId)).isZero();
    }

    @Test
    void aReviewOfAnOrderNeverPurchasedIsDeadLetteredAfterWaitingForItsPurchase() {
        String id = registered("No such order");
        purchased(id, "rv-" + marker(), "20.00");
        long events = events(id);

        String orderId = "never-" + marker();
        String eventId = "e-" + orderId;
        kafka.send(REVIEWS, id, review(id, orderId, eventId));

        assertThat(DeadLetters.header(deadLetter(eventId), CODE)).isEqualTo("UNKNOWN_ORDER");
        assertThat(events(id)).as("nothing appended").isEqualTo(events);
        assertThat(reviewEntries(id, orderId)).isZero();
    }

    @Test
    void malformedAndIncompleteReviewsAreDeadLetteredWithTheirReasonAndChangeNothing() {
        String id = registered("Bad messages");
        String orderId = "rv-" + marker();
        purchased(id, orderId, "20.00");
        long events = events(id);
        String run = marker();

        List<String[]> poison = List.of(
                new String[] {"{\"eventId\":\"p1-" + run + "\",\"orderId\":", "MALFORMED_MESSAGE"},
                new String[] {"[{\"eventId\":\"p2-" + run + "\"}]", "MALFORMED_MESSAGE"},
                new String[] {"{\"eventId\":\"p3-" + run + "\",\"memberId\":\"" + id + "\"}", "INVALID_MESSAGE"},
                new String[] {"{\"eventId\":\"p4-" + run + "\",\"orderId\":\"" + orderId + "\"}", "INVALID_MESSAGE"},
                new String[] {
                    "{\"eventId\":\"p5-" + run + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\"" + id
                            + "\",\"externalRef\":\"CRM-1\"}",
                    "INVALID_MESSAGE"
                },
                new String[] {
                    "{\"eventId\":\"p6-" + run + "\",\"orderId\":\"a b\",\"memberId\":\"" + id + "\"}",
                    "INVALID_MESSAGE"
                },
                new String[] {
                    "{\"eventId\":\"p7-" + run + "\",\"orderId\":42,\"memberId\":\"" + id + "\"}", "INVALID_MESSAGE"
                },
                new String[] {
                    "{\"eventId\":\"p8-" + run + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\"not-a-uuid\"}",
                    "INVALID_MESSAGE"
                },
                new String[] {
                    "{\"eventId\":\"p9-" + run + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\""
                            + UUID.randomUUID() + "\"}",
                    "MEMBER_NOT_FOUND"
                },
                new String[] {
                    "{\"eventId\":\"p10-" + run + "\",\"orderId\":\"" + orderId + "\",\"externalRef\":\"nobody-" + run
                            + "\"}",
                    "MEMBER_NOT_FOUND"
                });
        poison.forEach(message -> kafka.send(REVIEWS, id, message[0]));

        for (int i = 0; i < poison.size(); i++) {
            String eventId = "p" + (i + 1) + "-" + run;
            ConsumerRecord<String, String> letter = deadLetter(eventId);
            assertThat(DeadLetters.header(letter, CODE)).as(eventId).isEqualTo(poison.get(i)[1]);
            assertThat(DeadLetters.header(letter, "memberhub-error"))
                    .as(eventId)
                    .isNotBlank();
            assertThat(DeadLetters.header(letter, "kafka_dlt-original-topic")).isEqualTo(REVIEWS);
            assertThat(letter.value()).isEqualTo(poison.get(i)[0]);
        }
        assertThat(events(id)).as("nothing appended").isEqualTo(events);
        assertThat(reviewEntries(id, orderId)).isZero();

        // the order is still reviewable: the refusals took nothing from it
        kafka.send(REVIEWS, id, review(id, orderId, "e-" + orderId));
        handledUpTo(id);
        assertThat(events(id)).isEqualTo(events + 1);
    }

    /** The consumers stop while the broker still runs (see KafkaIngestIT). */
    @AfterAll
    void stopConsumers() {
        deadLetterReader.close();
        listeners.stop();
    }

    private String registered(String name) {
        return api.post("/api/v1/members", member(name, mobile(), null))
                .json()
                .get("id")
                .asText();
    }

    private void purchased(String id, String orderId, String amount) {
        Api.Response response = api.post(
                "/api/v1/members/" + id + "/purchases", "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void refunded(String id, String refundId, String orderId, String amount) {
        Api.Response response = api.post(
                "/api/v1/members/" + id + "/refunds",
                "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String points(String id) {
        return "/api/v1/members/" + id + "/points";
    }

    private static String review(String memberId, String orderId, String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\"" + memberId
                + "\",\"rating\":5,\"text\":\"好评\"}";
    }

    /**
     * Sends a message that can only be dead-lettered, keyed like the member's other messages, and waits for it in the
     * dead-letter topic: the messages sent before it are handled by then.
     */
    private void handledUpTo(String memberId) {
        String eventId = "barrier-" + marker();
        kafka.send(REVIEWS, memberId, "{\"eventId\":\"" + eventId + "\",\"orderId\":\"x\"}");
        assertThat(DeadLetters.header(deadLetter(eventId), CODE)).isEqualTo("INVALID_MESSAGE");
    }

    private ConsumerRecord<String, String> deadLetter(String eventId) {
        String needle = "\"eventId\":\"" + eventId + "\"";
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            deadLetterReader.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
            return deadLetters.stream().anyMatch(letter -> letter.value().contains(needle));
        });
        List<ConsumerRecord<String, String>> found = deadLetters.stream()
                .filter(letter -> letter.value().contains(needle))
                .toList();
        assertThat(found).as("dead-lettered once: %s", eventId).hasSize(1);
        return found.get(0);
    }

    /** The member's events in the event store, where every decision is appended at once. */
    private long events(String memberId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, memberId);
    }

    private long reviewEntries(String memberId, String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid AND source = 'REVIEW' AND reference = ?",
                Long.class,
                memberId,
                orderId);
    }

    private Long reviewPoints(String memberId, String orderId) {
        return jdbc.queryForObject(
                "SELECT coalesce(sum(available_change), 0) FROM points_ledger"
                        + " WHERE member_id = ?::uuid AND source = 'REVIEW' AND reference = ?",
                Long.class,
                memberId,
                orderId);
    }
}
