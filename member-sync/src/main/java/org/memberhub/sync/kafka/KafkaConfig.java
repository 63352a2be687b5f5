package org.memberhub.sync.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.error.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries and dead letters for the order topics, with Spring Kafka's {@link DefaultErrorHandler} (which the
 * auto-configured listener container factory picks up) and {@link DeadLetterPublishingRecoverer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderEventsProperties.class)
@ConditionalOnProperty(prefix = "spring.kafka", name = "bootstrap-servers")
class KafkaConfig {

    static final String ERROR_CODE_HEADER = "memberhub-error-code";
    static final String ERROR_HEADER = "memberhub-error";
    static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /**
     * A message that can never succeed ({@link RejectedOrderMessage}) goes to the dead-letter topic at once. A refund
     * or a review whose purchase is unknown is retried with exponential back-off for {@code retry-max-elapsed}, waiting for its
     * purchase, and then goes there too ({@code UNKNOWN_ORDER}). Any other failure (the database or the broker away, a
     * race with another writer) says nothing about the message: it is retried with back-off for as long as it takes,
     * and the partition waits behind it, so no good message is ever dead-lettered and the messages after it keep their
     * order. The offset of a dead-lettered message is committed once it is safely in the dead-letter topic.
     */
    @Bean
    DefaultErrorHandler orderErrorHandler(
            DeadLetterPublishingRecoverer recoverer, OrderEventsProperties properties, MeterRegistry metrics) {
        ExponentialBackOff untilItSucceeds = backOff(properties);
        ExponentialBackOff waitingForThePurchase = backOff(properties);
        waitingForThePurchase.setMaxElapsedTime(properties.retryMaxElapsed().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, untilItSucceeds);
        handler.setBackOffFunction(
                (record, failure) -> refusal(failure) == ErrorCode.UNKNOWN_ORDER ? waitingForThePurchase : null);
        // a message that failed for the database and then for its unknown purchase gets the purchase's full window
        handler.setResetStateOnExceptionChange(true);
        // after a failed message of a batch the handler seeks back and says so with an exception: not an error
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.addNotRetryableExceptions(RejectedOrderMessage.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                if (rejection(failure) != null) {
                    return; // not retried: it goes to the dead-letter topic at once
                }
                metrics.counter("memberhub.kafka.messages", "topic", record.topic(), "outcome", "retried")
                        .increment();
                log.warn(
                        "Kafka message {}-{}@{} failed (attempt {}); retrying: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        deliveryAttempt,
                        LogSafe.text(NestedExceptionUtils.getMostSpecificCause(failure)));
            }
        });
        return handler;
    }

    /**
     * Publishes a message to its topic's dead-letter topic with the reason in its headers, and waits until the broker
     * has it. The error handler uses it for messages whose retries ran out; the listener for messages rejected at once.
     */
    @Bean
    DeadLetterPublishingRecoverer orderDeadLetters(
            KafkaOperations<Object, Object> template, OrderEventsProperties properties, MeterRegistry metrics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(record.topic() + properties.deadLetterSuffix(), -1));
        recoverer.setHeadersFunction((record, failure) -> reasonHeaders(record, failure, metrics));
        return recoverer;
    }

    private static ExponentialBackOff backOff(OrderEventsProperties properties) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        return backOff;
    }

    private static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception failure, MeterRegistry metrics) {
        RejectedOrderMessage rejected = rejection(failure);
        ErrorCode refused = refusal(failure);
        String code = rejected != null ? rejected.code() : refused != null ? refused.name() : RETRIES_EXHAUSTED;
        String reason = LogSafe.text(
                rejected == null ? NestedExceptionUtils.getMostSpecificCause(failure) : rejected.getMessage());
        log.warn(
                "Kafka message {}-{}@{} goes to the dead-letter topic: {} {}",
                record.topic(),
                record.partition(),
                record.offset(),
                code,
                reason);
        metrics.counter("memberhub.kafka.messages", "topic", record.topic(), "outcome", "dead_lettered", "code", code)
                .increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR_CODE_HEADER, code.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The domain's refusal behind a failure, if it was one. */
    private static ErrorCode refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException refused) {
                return refused.code();
            }
        }
        return null;
    }

    private static RejectedOrderMessage rejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedOrderMessage rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** The topics and their dead-letter topics, created when missing (three partitions, for three consumers). */
    @Bean
    @ConditionalOnProperty(name = "memberhub.kafka.create-topics", matchIfMissing = true)
    KafkaAdmin.NewTopics orderTopics(OrderEventsProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(properties.purchasesTopic()),
                topic(properties.purchasesTopic() + properties.deadLetterSuffix()),
                topic(properties.refundsTopic()),
                topic(properties.refundsTopic() + properties.deadLetterSuffix()),
                topic(properties.reviewsTopic()),
                topic(properties.reviewsTopic() + properties.deadLetterSuffix()));
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(3).build();
    }
}
