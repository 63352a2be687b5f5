package org.memberhub.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Reading the dead-letter topics of the embedded broker. */
final class DeadLetters {

    /** The prefix of the consumer groups of these readers, apart from the application's. */
    private static final String OWN_GROUPS = "dlt-reader-";

    private DeadLetters() {}

    /** A consumer of its own group, from the start of the topics it subscribes to. */
    static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        Map<String, Object> properties = KafkaTestUtils.consumerProps(OWN_GROUPS + UUID.randomUUID(), "false", broker);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Waits until the application's consumers have consumed every record now in the topics and committed their
     * offsets: each record is then handled, a poison one dead-lettered.
     */
    static void awaitConsumed(EmbeddedKafkaBroker broker, List<String> topics) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                for (int partition = 0; partition < broker.getPartitionsPerTopic(); partition++) {
                    latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<TopicPartition, Long> committed = new HashMap<>();
                        for (ConsumerGroupListing group :
                                admin.listConsumerGroups().all().get()) {
                            if (group.groupId().startsWith(OWN_GROUPS)) {
                                continue;
                            }
                            admin.listConsumerGroupOffsets(group.groupId())
                                    .partitionsToOffsetAndMetadata()
                                    .get()
                                    .forEach((partition, offset) -> {
                                        if (offset != null) {
                                            committed.merge(partition, offset.offset(), Math::max);
                                        }
                                    });
                        }
                        return ends.entrySet().stream()
                                .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every record now in the topics, read from their beginnings to their ends. */
    static List<ConsumerRecord<String, String>> readAll(EmbeddedKafkaBroker broker, List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer(broker)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (int partition = 0; partition < broker.getPartitionsPerTopic(); partition++) {
                    partitions.add(new TopicPartition(topic, partition));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofMinutes(2)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
