package org.memberhub.sync.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.kernel.points.RefundPurchaseCommand;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Turns the order services' purchase, refund and review messages into loyalty commands, a poll's messages at a time and many
 * commands to a transaction ({@link CommandBatch}). A message's offset is committed only after its command succeeded (or was found to repeat one already applied: the aggregate decides idempotency by order
 * and refund id, and a review by its order); a message that fails for a passing reason is retried with back-off; one that can never succeed
 * goes to its topic's dead-letter topic with the reason in its headers. Active only when a Kafka bootstrap server is
 * configured.
 */
@Component
@ConditionalOnProperty(prefix = "spring.kafka", name = "bootstrap-servers")
class OrderEventListener {

    static final String PURCHASES = "purchases";
    static final String REFUNDS = "refunds";
    static final String REVIEWS = "reviews";

    /** Refusals that may go away by themselves: a race lost, a refund or a review that overtook its purchase. */
    private static final Set<ErrorCode> PASSING =
            Set.of(ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.READ_MODEL_LAGGING, ErrorCode.UNKNOWN_ORDER);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrderEventsProperties properties;
    private final MeterRegistry metrics;
    private final CommandBatch commandBatch;
    private final DeadLetterPublishingRecoverer deadLetters;

    OrderEventListener(
            CommandGateway commands,
            CommandBus commandBus,
            TransactionManager transactionManager,
            QueryGateway queries,
            OrderEventsProperties properties,
            DeadLetterPublishingRecoverer deadLetters,
            MeterRegistry metrics) {
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.commandBatch = new CommandBatch(commandBus, transactionManager);
        this.queries = queries;
        this.properties = properties;
        this.metrics = metrics;
    }

    public String purchasesTopic() {
        return properties.purchasesTopic();
    }

    public String refundsTopic() {
        return properties.refundsTopic();
    }

    public String reviewsTopic() {
        return properties.reviewsTopic();
    }

    @KafkaListener(
            id = PURCHASES,
            topics = "#{__listener.purchasesTopic()}",
            groupId = "#{__listener.groupId()}",
            batch = "true",
            autoStartup = "${memberhub.kafka.listen:true}")
    void purchases(List<ConsumerRecord<String, String>> records) {
        apply(
                records,
                OrderMessages::purchase,
                order -> new RecordPurchaseCommand(member(order), order.orderId(), order.amount(), order.occurredAt()));
    }

    @KafkaListener(
            id = REFUNDS,
            topics = "#{__listener.refundsTopic()}",
            groupId = "#{__listener.groupId()}",
            batch = "true",
            autoStartup = "${memberhub.kafka.listen:true}")
    void refunds(List<ConsumerRecord<String, String>> records) {
        apply(
                records,
                OrderMessages::refund,
                order -> new RefundPurchaseCommand(member(order), order.refundId(), order.orderId(), order.amount()));
    }

    /** A review earns its points once per purchased order, as a review through the API does. */
    @KafkaListener(
            id = REVIEWS,
            topics = "#{__listener.reviewsTopic()}",
            groupId = "#{__listener.groupId()}",
            batch = "true",
            autoStartup = "${memberhub.kafka.listen:true}")
    void reviews(List<ConsumerRecord<String, String>> records) {
        apply(
                records,
                OrderMessages::review,
                order -> new EarnPointsCommand(member(order), EarnType.REVIEW, order.orderId()));
    }

    /**
     * Applies a poll's messages in order, {@code transaction-batch-size} commands to a transaction. A message that
     * can never succeed (unreadable, or refused for good) goes to the dead-letter topic once the messages before it
     * are applied. A message that failed for a passing reason (a lost race, a refund ahead of its purchase, the
     * database away) stops the batch: the messages before it are applied, and the container is told which message
     * failed ({@link BatchListenerFailedException}), so that the error handler commits the offsets before it and
     * retries that one with back-off, the partition waiting behind it.
     */
    private void apply(
            List<ConsumerRecord<String, String>> records,
            Function<String, OrderMessages.Order> read,
            Function<OrderMessages.Order, Object> toCommand) {
        List<Pending> batch = new ArrayList<>(properties.transactionBatchSize());
        for (ConsumerRecord<String, String> record : records) {
            CommandMessage<?> command;
            try {
                OrderMessages.Order order = read.apply(record.value());
                command = message(toCommand.apply(order), order, record);
            } catch (RejectedOrderMessage rejected) {
                applyBatch(batch); // the messages before it first: a failure among them redelivers this one too
                deadLetter(record, rejected);
                continue;
            } catch (RuntimeException unreadable) {
                applyBatch(batch);
                throw failed(record, unreadable);
            }
            batch.add(new Pending(record, command));
            if (batch.size() == properties.transactionBatchSize()) {
                applyBatch(batch);
            }
        }
        applyBatch(batch);
    }

    private void applyBatch(List<Pending> batch) {
        applyTogether(batch);
        batch.clear();
    }

    /**
     * Applies the commands in one transaction. When one of them fails, the ones before it are applied together again
     * and the failing one alone, with the gateway's retries; if it still fails, the container is told which message
     * it was. Then the rest go on together.
     */
    private void applyTogether(List<Pending> batch) {
        int from = 0;
        while (from < batch.size()) {
            List<Pending> rest = batch.subList(from, batch.size());
            int failed;
            try {
                List<Object> outcomes = commandBatch.handleAll(
                        "kafka batch of " + rest.size(),
                        rest.stream().<CommandMessage<?>>map(Pending::command).toList());
                metrics.counter("memberhub.kafka.batches", "outcome", "committed")
                        .increment();
                for (int i = 0; i < rest.size(); i++) {
                    count(rest.get(i).record(), outcomes.get(i));
                }
                return;
            } catch (CommandBatch.CommandFailed commandFailed) {
                failed = commandFailed.index();
            } catch (Exception commitFailed) {
                failed = 0; // not one command's failure: the first alone, then the others together again
            }
            metrics.counter("memberhub.kafka.batches", "outcome", "split").increment();
            if (failed > 0) {
                applyTogether(rest.subList(0, failed));
            }
            Pending alone = rest.get(failed);
            try {
                count(alone.record(), send(alone.command()));
            } catch (RejectedOrderMessage rejected) {
                deadLetter(alone.record(), rejected);
            } catch (RuntimeException failure) {
                throw failed(alone.record(), failure);
            }
            from += failed + 1;
        }
    }

    /**
     * A message that can never succeed goes to the dead-letter topic here, and the batch goes on: handing it to the
     * error handler would cost a seek and a new fetch for each such message. Its offset is committed with the batch's.
     */
    private void deadLetter(ConsumerRecord<String, String> record, RejectedOrderMessage rejected) {
        try {
            deadLetters.accept(record, rejected);
        } catch (RuntimeException publishFailed) {
            throw failed(record, rejected); // the error handler tries again
        }
    }

    private static BatchListenerFailedException failed(ConsumerRecord<?, ?> record, RuntimeException failure) {
        return new BatchListenerFailedException(
                "message " + record.topic() + "-" + record.partition() + "@" + record.offset() + " failed",
                failure,
                record);
    }

    private record Pending(ConsumerRecord<String, String> record, CommandMessage<?> command) {}

    public String groupId() {
        return properties.groupId();
    }

    /**
     * The member a message is for. An external reference is looked up in the command side's registry, which commits
     * with the registration: a member registered a moment ago is found although the read model may not show it yet.
     */
    private MemberId member(OrderMessages.Order order) {
        if (order.memberId() != null) {
            return order.memberId();
        }
        return queries.query(
                        new FindMemberIdByExternalRefQuery(order.externalRef()),
                        ResponseTypes.optionalInstanceOf(MemberId.class))
                .join()
                .orElseThrow(() -> new RejectedOrderMessage(
                        ErrorCode.MEMBER_NOT_FOUND.name(), "no member has external reference " + order.externalRef()));
    }

    private static CommandMessage<?> message(
            Object command, OrderMessages.Order order, ConsumerRecord<String, String> record) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.SOURCE, AuditMetadata.SOURCE_KAFKA);
        metadata.put(AuditMetadata.ACTOR_NAME, "kafka:" + record.topic());
        metadata.put(AuditMetadata.KAFKA_RECORD, record.topic() + "-" + record.partition() + "@" + record.offset());
        if (order.eventId() != null) {
            metadata.put(AuditMetadata.KAFKA_EVENT_ID, order.eventId());
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
    }

    /** One command on its own, with the gateway's retries of lost races; refusals sorted into passing and final. */
    private Object send(CommandMessage<?> command) {
        try {
            return commands.sendAndWait(command);
        } catch (DomainException refused) {
            if (PASSING.contains(refused.code())) {
                throw refused;
            }
            throw new RejectedOrderMessage(refused.code().name(), refused.code() + " " + refused.arguments());
        } catch (AggregateNotFoundException unknown) {
            throw new RejectedOrderMessage(
                    ErrorCode.MEMBER_NOT_FOUND.name(), "no member has id " + unknown.getAggregateIdentifier());
        }
    }

    private void count(ConsumerRecord<?, ?> record, Object outcome) {
        boolean duplicate = outcome instanceof LoyaltyOutcome<?> loyalty && loyalty.duplicate();
        metrics.counter(
                        "memberhub.kafka.messages",
                        "topic",
                        record.topic(),
                        "outcome",
                        duplicate ? "duplicate" : "applied")
                .increment();
    }
}
