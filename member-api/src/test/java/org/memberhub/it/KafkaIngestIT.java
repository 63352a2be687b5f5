package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.marker;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * 10 000 purchase and refund messages on a real (in-process KRaft) broker, with duplicates and poison messages
 * interleaved and the consumers stopped and restarted mid-stream: every balance comes out exact, every poison message
 * is in its dead-letter topic once with its reason, and every valid order is recorded exactly once.
 */
@PostgresIT
@DirtiesContext
@EmbeddedKafka(
        kraft = true,
        partitions = 3,
        topics = {"memberhub.purchases", "memberhub.refunds", "memberhub.purchases.dlt", "memberhub.refunds.dlt"},
        // by default the broker publishes its address as the system property spring.kafka.bootstrap-servers and
        // leaves it behind: every later application in this JVM would connect to a dead broker
        bootstrapServersProperty = "memberhub.test.kafka-brokers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(
        properties = {
            // this context only: the broker's address must not leak to later tests' applications
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "memberhub.kafka.retry-initial-interval=50ms",
            // a refund that overtook its purchase waits for it as long as in production (5 minutes by default): on a
            // loaded machine the purchases' consumer can be a minute behind the refunds'
            "memberhub.kafka.retry-max-interval=500ms"
        })
class KafkaIngestIT {

    private static final int MEMBERS = 200;
    private static final int PURCHASES_PER_MEMBER = 20;
    private static final int REFUNDS_PER_MEMBER = 6;
    private static final int DUPLICATES = 3_000;
    private static final int POISON = 1_800;

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

    @Autowired
    EventProcessingConfiguration processing;

    private final Random random = new Random(42);

    @Test
    @Order(1)
    void tenThousandMessagesWithDuplicatesAndPoisonComeOutExactAcrossAConsumerRestart() throws Exception {
        String run = marker();
        List<Expected> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String externalRef = i % 2 == 0 ? "K" + run + "-" + i : null;
            String body = member("Kafka " + i, mobile(), null);
            if (externalRef != null) {
                body = body.substring(0, body.length() - 1) + ",\"externalRef\":\"" + externalRef + "\"}";
            }
            String id = api.post("/api/v1/members", body).json().get("id").asText();
            members.add(new Expected(id, externalRef));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM members WHERE external_ref LIKE ?", Long.class, "K" + run + "-%")
                        == MEMBERS / 2);

        List<Message> valid = new ArrayList<>();
        List<Message> poison = new ArrayList<>();
        for (Expected member : members) {
            List<Integer> amounts = new ArrayList<>();
            for (int k = 0; k < PURCHASES_PER_MEMBER; k++) {
                int amount = 1 + random.nextInt(40);
                amounts.add(amount);
                String orderId = "o-" + run + "-" + member.index() + "-" + k;
                valid.add(purchase(member, orderId, amount + ".00"));
                member.earned += amount;
            }
            for (int k = 0; k < REFUNDS_PER_MEMBER; k++) {
                int amount = amounts.get(k);
                int refunded = amount % 2 == 0 ? amount / 2 : amount;
                valid.add(refund(
                        member,
                        "r-" + run + "-" + member.index() + "-" + k,
                        "o-" + run + "-" + member.index() + "-" + k,
                        refunded + ".00"));
                member.reversed += refunded;
            }
            // a refund larger than what is left of an order without a valid refund
            poison.add(refund(
                            member,
                            "rx-" + run + "-" + member.index(),
                            "o-" + run + "-" + member.index() + "-19",
                            (amounts.get(19) + 1) + ".00")
                    .poison("REFUND_EXCEEDS_PURCHASE"));
        }
        int kinds = 0;
        while (poison.size() < POISON) {
            String eventId = "poison-" + run + "-" + poison.size();
            Expected member = members.get(random.nextInt(MEMBERS));
            String address = member.address();
            Message message =
                    switch (kinds++ % 8) {
                        case 0 -> new Message(
                                "memberhub.purchases",
                                member.id(),
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":",
                                eventId,
                                "MALFORMED_MESSAGE");
                        case 1 -> new Message(
                                "memberhub.purchases",
                                "x",
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":\"p" + eventId + "\",\"memberId\":\""
                                        + UUID.randomUUID() + "\",\"amount\":\"5.00\"}",
                                eventId,
                                "MEMBER_NOT_FOUND");
                        case 2 -> new Message(
                                "memberhub.refunds",
                                "x",
                                "{\"eventId\":\"" + eventId + "\",\"refundId\":\"r" + eventId
                                        + "\",\"orderId\":\"o1\",\"externalRef\":\"nobody-" + eventId
                                        + "\",\"amount\":\"5.00\"}",
                                eventId,
                                "MEMBER_NOT_FOUND");
                        case 3 -> new Message(
                                "memberhub.purchases",
                                member.id(),
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":\"p" + eventId + "\"," + address
                                        + ",\"amount\":\"-5.00\"}",
                                eventId,
                                "INVALID_MESSAGE");
                        case 4 -> new Message(
                                "memberhub.purchases",
                                member.id(),
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":\"p" + eventId + "\"," + address
                                        + ",\"amount\":1.005}",
                                eventId,
                                "INVALID_MESSAGE");
                        case 5 -> new Message(
                                "memberhub.purchases",
                                member.id(),
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":\"p" + eventId + "\"," + address
                                        + ",\"amount\":\"5.00\",\"currency\":\"USD\"}",
                                eventId,
                                "INVALID_MESSAGE");
                        case 6 -> new Message(
                                "memberhub.refunds",
                                member.id(),
                                "{\"eventId\":\"" + eventId + "\",\"orderId\":\"o1\"," + address
                                        + ",\"amount\":\"5.00\"}",
                                eventId,
                                "INVALID_MESSAGE");
                        default -> new Message(
                                "memberhub.purchases",
                                member.id(),
                                "[{\"eventId\":\"" + eventId + "\"}]",
                                eventId,
                                "MALFORMED_MESSAGE");
                    };
            poison.add(message);
        }
        List<Message> stream = new ArrayList<>(valid);
        for (int i = 0; i < DUPLICATES; i++) {
            stream.add(valid.get(random.nextInt(valid.size())));
        }
        stream.addAll(poison);
        Collections.shuffle(stream, random);
        // order services refund after they sell: each refund goes after its order's purchase (the consumers of the
        // two topics may still take them in either order, which the retries cover)
        Map<String, Integer> purchaseAt = new HashMap<>();
        for (int i = 0; i < stream.size(); i++) {
            purchaseAt.putIfAbsent(orderOf(stream.get(i)), i);
        }
        for (int i = 0; i < stream.size(); i++) {
            Message message = stream.get(i);
            Integer purchase = message.topic().equals("memberhub.refunds") ? purchaseAt.get(orderOf(message)) : null;
            if (purchase != null && purchase > i && stream.get(purchase).topic().equals("memberhub.purchases")) {
                Collections.swap(stream, i, purchase);
                purchaseAt.put(orderOf(stream.get(i)), i);
            }
        }
        assertThat(stream).hasSize(10_000);

        List<Message> firstHalf = stream.subList(0, 5_000);
        List<Message> secondHalf = stream.subList(5_000, stream.size());
        firstHalf.forEach(this::send);
        kafka.flush();
        await().atMost(Duration.ofMinutes(3)).until(() -> recordedOrders(run) >= 1_000);
        listeners.getListenerContainers().forEach(container -> container.stop());
        secondHalf.forEach(this::send);
        kafka.flush(); // the second half waits in the topics while no listener runs
        listeners.getListenerContainers().forEach(container -> container.start());

        // once every message is consumed and its offset committed, the poison ones went to their dead-letter topics
        // before: those are then read to their ends, so that a second copy of any letter would be seen
        DeadLetters.awaitConsumed(broker, List.of("memberhub.purchases", "memberhub.refunds"));
        List<ConsumerRecord<String, String>> allDeadLetters =
                DeadLetters.readAll(broker, List.of("memberhub.purchases.dlt", "memberhub.refunds.dlt"));
        Map<String, ConsumerRecord<String, String>> deadLetters = new HashMap<>();
        for (ConsumerRecord<String, String> record : allDeadLetters) {
            deadLetters.put(eventIdOf(record), record);
        }

        assertThat(deadLetters).as("poison messages dead-lettered").hasSize(POISON);
        assertThat(allDeadLetters)
                .as("every poison message dead-lettered exactly once")
                .hasSize(POISON);
        for (Message message : poison) {
            ConsumerRecord<String, String> letter = deadLetters.get(message.eventId());
            assertThat(letter).as(message.eventId()).isNotNull();
            assertThat(letter.topic()).isEqualTo(message.topic() + ".dlt");
            assertThat(DeadLetters.header(letter, "memberhub-error-code"))
                    .as(message.eventId())
                    .isEqualTo(message.code());
            assertThat(DeadLetters.header(letter, "memberhub-error")).isNotBlank();
            assertThat(DeadLetters.header(letter, "kafka_dlt-original-topic")).isEqualTo(message.topic());
            assertThat(letter.value()).isEqualTo(message.json());
        }

        await().atMost(Duration.ofMinutes(3))
                .until(() -> recordedOrders(run) == (long) MEMBERS * PURCHASES_PER_MEMBER
                        && recordedRefunds(run) == (long) MEMBERS * REFUNDS_PER_MEMBER);
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            for (Expected member : members) {
                Map<String, Object> balance = jdbc.queryForMap(
                        "SELECT available, pending, lifetime_earned, lifetime_reversed FROM points_balances WHERE member_id = ?::uuid",
                        member.id());
                assertThat(balance.get("lifetime_earned")).as(member.id()).isEqualTo(member.earned);
                assertThat(balance.get("lifetime_reversed")).as(member.id()).isEqualTo(member.reversed);
                assertThat(balance.get("pending")).as(member.id()).isEqualTo(member.earned - member.reversed);
                assertThat(balance.get("available")).as(member.id()).isEqualTo(0L);
            }
        });
        assertThat(counter("applied")).isEqualTo(valid.size());
        assertThat(counter("duplicate")).isGreaterThanOrEqualTo(DUPLICATES);
        assertThat(counter("dead_lettered")).isEqualTo(POISON);
        // the second half waited in the topics: its messages came in large polls, many commands to a transaction
        assertThat(api.get("/metrics/memberhub.kafka.batches?tag=outcome:committed")
                        .json()
                        .at("/measurements/0/value")
                        .asDouble())
                .as("transactions for %s applied messages", valid.size())
                .isLessThan(valid.size() / 2.0);
        assertThat(api.get("/metrics/kafka.consumer.fetch.manager.records.lag.max")
                        .status())
                .as("consumer lag is a metric")
                .isEqualTo(200);
        String metadata = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type LIKE '%PurchaseRecordedEvent' LIMIT 1",
                String.class, members.get(1).id());
        assertThat(metadata)
                .contains("\"source\":\"kafka\"", "\"kafkaRecord\":\"memberhub.purchases-", "\"kafkaEventId\":\"e-o-");
    }

    /**
     * The order service learns a member's external reference when the member registers and may publish a purchase at
     * once: the reference is resolved from the command side's registry, which commits with the registration, so the
     * purchase is applied even while the member read model does not show the member yet (its processor is stopped
     * here to make that moment last).
     */
    @Test
    @Order(2)
    void aMemberRegisteredAMomentAgoIsFoundByExternalReferenceBeforeTheReadModelShowsIt() {
        listeners.getListenerContainers().forEach(container -> container.start());
        StreamingEventProcessor memberReadModel = processing
                .eventProcessor("members", StreamingEventProcessor.class)
                .orElseThrow();
        memberReadModel.shutDown();
        try {
            String externalRef = "fresh-" + marker();
            String body = member("Fresh", mobile(), null);
            body = body.substring(0, body.length() - 1) + ",\"externalRef\":\"" + externalRef + "\"}";
            String id = api.post("/api/v1/members", body).json().get("id").asText();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM members WHERE id = ?::uuid", Long.class, id))
                    .as("the member read model does not show the member yet")
                    .isZero();

            String orderId = "fresh-order-" + externalRef;
            kafka.send(
                    "memberhub.purchases",
                    externalRef,
                    "{\"eventId\":\"e-" + orderId + "\",\"orderId\":\"" + orderId + "\",\"externalRef\":\""
                            + externalRef + "\",\"amount\":\"12.00\"}");

            await().atMost(Duration.ofMinutes(3))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid AND reference = ?",
                                    Long.class,
                                    id,
                                    orderId)
                            == 1L);
        } finally {
            memberReadModel.start();
        }
    }

    /** A refund from an order service gives back the points the member spent on the order, like one through HTTP. */
    @Test
    @Order(3)
    void aRefundFromKafkaGivesBackThePointsSpentOnTheOrder() {
        listeners.getListenerContainers().forEach(container -> container.start());
        String id = api.post("/api/v1/members", member("Spender", mobile(), null))
                .json()
                .get("id")
                .asText();
        String member = "/api/v1/members/" + id;
        assertThat(api.post(member + "/points/adjust", "{\"points\":500,\"reason\":\"starting points\"}")
                        .status())
                .isEqualTo(200);
        String orderId = "spent-" + marker();
        assertThat(api.post(
                                member + "/points/spend",
                                "{\"orderId\":\"" + orderId + "\",\"orderAmount\":100.00,\"points\":300}")
                        .status())
                .isEqualTo(200);

        kafka.send(
                "memberhub.purchases",
                id,
                "{\"eventId\":\"e-" + orderId + "\",\"orderId\":\"" + orderId + "\",\"memberId\":\"" + id
                        + "\",\"amount\":\"100.00\",\"currency\":\"CNY\"}");
        kafka.send(
                "memberhub.refunds",
                id,
                "{\"eventId\":\"e-r-" + orderId + "\",\"refundId\":\"r-" + orderId + "\",\"orderId\":\"" + orderId
                        + "\",\"memberId\":\"" + id + "\",\"amount\":100}");

        await().atMost(Duration.ofMinutes(3))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM points_ledger WHERE member_id = ?::uuid AND entry_type = 'RETURNED'"
                                        + " AND reference = ? AND available_change = 300",
                                Long.class,
                                id,
                                "r-" + orderId)
                        == 1L);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> api.get(member + "/points").json().get("available").asLong() == 500L);
    }

    /**
     * Stops the consumers while the broker still runs: the broker goes down with the test context, and consumers
     * still polling it would go on trying to reach it while the next test classes run.
     */
    @AfterEach
    void stopConsumers() {
        listeners.stop();
    }

    private void send(Message message) {
        kafka.send(message.topic(), message.key(), message.json());
    }

    private long recordedOrders(String run) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM points_ledger WHERE entry_type = 'EARNED' AND reference LIKE ?",
                Long.class,
                "o-" + run + "-%");
    }

    private long recordedRefunds(String run) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM points_ledger WHERE entry_type = 'REVERSED' AND reference LIKE ?",
                Long.class,
                "r-" + run + "-%");
    }

    private double counter(String outcome) {
        return api.get("/metrics/memberhub.kafka.messages?tag=outcome:" + outcome)
                .json()
                .at("/measurements/0/value")
                .asDouble();
    }

    private static String eventIdOf(ConsumerRecord<String, String> record) {
        String value = record.value();
        int start = value.indexOf("\"eventId\":\"");
        if (start < 0) {
            return record.topic() + "@" + record.offset();
        }
        start += "\"eventId\":\"".length();
        return value.substring(start, value.indexOf('"', start));
    }

    /** The order a message is about ("orderId"), or its event id when it names none. */
    private static String orderOf(Message message) {
        String json = message.json();
        int start = json.indexOf("\"orderId\":\"");
        if (start < 0) {
            return message.eventId();
        }
        start += "\"orderId\":\"".length();
        int end = json.indexOf('"', start);
        return end < 0 ? message.eventId() : json.substring(start, end);
    }

    private static Message purchase(Expected member, String orderId, String amount) {
        String json = "{\"eventId\":\"e-" + orderId + "\",\"orderId\":\"" + orderId + "\"," + member.address()
                + ",\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}";
        return new Message("memberhub.purchases", member.id(), json, "e-" + orderId, null);
    }

    private static Message refund(Expected member, String refundId, String orderId, String amount) {
        String json = "{\"eventId\":\"e-" + refundId + "\",\"refundId\":\"" + refundId + "\",\"orderId\":\"" + orderId
                + "\"," + member.address() + ",\"amount\":" + amount + "}";
        return new Message("memberhub.refunds", member.id(), json, "e-" + refundId, null);
    }

    private record Message(String topic, String key, String json, String eventId, String code) {
        Message poison(String expectedCode) {
            return new Message(topic, key, json, eventId, expectedCode);
        }
    }

    private static final class Expected {
        private static int next;
        private final String id;
        private final String externalRef;
        private final int index = next++;
        long earned;
        long reversed;

        Expected(String id, String externalRef) {
            this.id = id;
            this.externalRef = externalRef;
        }

        String id() {
            return id;
        }

        int index() {
            return index;
        }

        /** Half the members are addressed by id, half by external reference. */
        String address() {
            return externalRef == null ? "\"memberId\":\"" + id + "\"" : "\"externalRef\":\"" + externalRef + "\"";
        }
    }
}
