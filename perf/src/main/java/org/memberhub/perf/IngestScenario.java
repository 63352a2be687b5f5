package org.memberhub.perf;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purchase events published to the broker as fast as the producer goes, until the application has consumed them all
 * and every read model has caught up: events/s end to end, and the largest projection lag seen on the way.
 */
final class IngestScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(IngestScenario.class);

    static final String NAME = "ingest";

    private final int events;

    IngestScenario(int events) {
        this.events = events;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsKafka() {
        return true;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        KafkaBroker kafka = context.kafka();
        List<String> members = context.data().active();
        long deadBefore = kafka.messages(KafkaBroker.PURCHASES + ".dlt");
        AtomicLong failedSends = new AtomicLong();
        long started = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < events; i++) {
                String member = members.get(i % members.size());
                String order = "in-" + context.runId() + "-" + i;
                String message = "{\"eventId\":\"" + order + "\",\"orderId\":\"" + order + "\",\"memberId\":\"" + member
                        + "\",\"amount\":\"" + (10 + i % 790) + ".00\",\"currency\":\"CNY\"}";
                producer.send(new ProducerRecord<>(KafkaBroker.PURCHASES, member, message), (metadata, error) -> {
                    if (error != null) {
                        failedSends.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        long published = System.currentTimeMillis();
        log.info("  published {} purchase events in {} s", events, (published - started) / 1000.0);
        Duration timeout = Duration.ofMinutes(10).plusSeconds(events / 20);
        Poll.until(
                "the application to consume the purchase events",
                timeout,
                Duration.ofMillis(200),
                () -> kafka.consumerLag(KafkaBroker.PURCHASES) == 0);
        long consumed = System.currentTimeMillis();
        context.projections().awaitCaughtUp(timeout);
        long done = System.currentTimeMillis();
        long deadLettered = kafka.messages(KafkaBroker.PURCHASES + ".dlt") - deadBefore;
        ResourceFigures resources = context.sampler().figures(started, done);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("events", (double) events);
        figures.put("eventsPerSecond", events * 1000.0 / Math.max(1, done - started));
        figures.put("consumedPerSecond", events * 1000.0 / Math.max(1, consumed - started));
        figures.put("publishedPerSecond", events * 1000.0 / Math.max(1, published - started));
        figures.put("seconds", (done - started) / 1000.0);
        figures.put("deadLettered", (double) deadLettered);
        figures.put("failedSends", (double) failedSends.get());
        if (resources.lagEventsMax() != null) {
            figures.put("lagEventsMax", resources.lagEventsMax());
        }
        if (resources.lagSecondsMax() != null) {
            figures.put("lagSecondsMax", resources.lagSecondsMax());
        }
        return new ScenarioResult(
                NAME,
                "purchase events on " + KafkaBroker.PURCHASES + " (in-process KRaft broker, " + KafkaBroker.PARTITIONS
                        + " partitions, keyed by member) until consumed and every read model caught up",
                events + " events over " + Math.min(events, members.size()) + " members",
                "Kafka producer in the suite JVM",
                null,
                resources,
                figures,
                List.of(),
                null,
                List.of(),
                null);
    }
}
