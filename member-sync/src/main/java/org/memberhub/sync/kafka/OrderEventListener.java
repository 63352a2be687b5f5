package org.memberhub.sync.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.member.FindMemberIdByExternalRefQuery;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.RecordPurchaseCommand;
import org.memberhub.kernel.points.RefundPurchaseCommand;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the order services' purchase and refund messages into loyalty commands. A message's offset is committed only
 * after its command succeeded (or was found to repeat one already applied: the aggregate decides idempotency by order
 * and refund id); a message that fails for a passing reason is retried with back-off; one that can never succeed
 * goes to its topic's dead-letter topic with the reason in its headers. Active only when a Kafka bootstrap server is
 * configured.
 */
@Component
@ConditionalOnProperty(prefix = "spring.kafka", name = "bootstrap-servers")
class OrderEventListener {

    static final String PURCHASES = "purchases";
    static final String REFUNDS = "refunds";

    /** Refusals that may go away by themselves: a race lost, a refund that overtook its purchase. */
    private static final Set<ErrorCode> PASSING =
            Set.of(ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.READ_MODEL_LAGGING, ErrorCode.UNKNOWN_ORDER);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrderEventsProperties properties;
    private final MeterRegistry metrics;

    OrderEventListener(
            CommandGateway commands, QueryGateway queries, OrderEventsProperties properties, MeterRegistry metrics) {
        this.commands = commands;
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

    @KafkaListener(
            id = PURCHASES,
            topics = "#{__listener.purchasesTopic()}",
            groupId = "#{__listener.groupId()}",
            autoStartup = "${memberhub.kafka.listen:true}")
    void purchase(ConsumerRecord<String, String> record) {
        OrderMessages.Order order = OrderMessages.purchase(record.value());
        send(
                new RecordPurchaseCommand(member(order), order.orderId(), order.amount(), order.occurredAt()),
                order,
                record);
    }

    @KafkaListener(
            id = REFUNDS,
            topics = "#{__listener.refundsTopic()}",
            groupId = "#{__listener.groupId()}",
            autoStartup = "${memberhub.kafka.listen:true}")
    void refund(ConsumerRecord<String, String> record) {
        OrderMessages.Order order = OrderMessages.refund(record.value());
        send(
                new RefundPurchaseCommand(member(order), order.refundId(), order.orderId(), order.amount()),
                order,
                record);
    }

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

    private void send(Object command, OrderMessages.Order order, ConsumerRecord<String, String> record) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.SOURCE, AuditMetadata.SOURCE_KAFKA);
        metadata.put(AuditMetadata.ACTOR_NAME, "kafka:" + record.topic());
        metadata.put(AuditMetadata.KAFKA_RECORD, record.topic() + "-" + record.partition() + "@" + record.offset());
        if (order.eventId() != null) {
            metadata.put(AuditMetadata.KAFKA_EVENT_ID, order.eventId());
        }
        LoyaltyOutcome<?> outcome;
        try {
            outcome = commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
        } catch (DomainException refused) {
            if (PASSING.contains(refused.code())) {
                throw refused;
            }
            throw new RejectedOrderMessage(refused.code().name(), refused.code() + " " + refused.arguments());
        } catch (AggregateNotFoundException unknown) {
            throw new RejectedOrderMessage(
                    ErrorCode.MEMBER_NOT_FOUND.name(), "no member has id " + unknown.getAggregateIdentifier());
        }
        metrics.counter(
                        "memberhub.kafka.messages",
                        "topic",
                        record.topic(),
                        "outcome",
                        outcome.duplicate() ? "duplicate" : "applied")
                .increment();
    }
}
