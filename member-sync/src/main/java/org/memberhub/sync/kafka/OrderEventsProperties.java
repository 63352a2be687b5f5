package org.memberhub.sync.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order services' topics and how their messages are retried.
 *
 * @param purchasesTopic where purchases arrive
 * @param refundsTopic where refunds arrive
 * @param reviewsTopic where reviews of purchased orders arrive
 * @param deadLetterSuffix appended to a topic's name to name its dead-letter topic
 * @param groupId the consumer group of all instances
 * @param createTopics create the topics (three partitions) at start when they do not exist
 * @param retryInitialInterval pause before the first retry of a message that failed for a passing reason
 * @param retryMaxInterval longest pause between retries
 * @param retryMaxElapsed how long a refund or a review waits for its purchase before it goes to the dead-letter topic;
 *     other failures that are not the message's own are retried without limit
 * @param transactionBatchSize how many of a poll's messages are applied in one transaction (1: each on its own)
 */
@ConfigurationProperties("memberhub.kafka")
public record OrderEventsProperties(
        @DefaultValue("memberhub.purchases") String purchasesTopic,
        @DefaultValue("memberhub.refunds") String refundsTopic,
        @DefaultValue("memberhub.reviews") String reviewsTopic,
        @DefaultValue(".dlt") String deadLetterSuffix,
        @DefaultValue("memberhub") String groupId,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("200ms") Duration retryInitialInterval,
        @DefaultValue("10s") Duration retryMaxInterval,
        @DefaultValue("5m") Duration retryMaxElapsed,
        @DefaultValue("100") int transactionBatchSize) {

    public OrderEventsProperties {
        if (transactionBatchSize < 1) {
            throw new IllegalArgumentException("memberhub.kafka.transaction-batch-size must be at least 1");
        }
    }
}
