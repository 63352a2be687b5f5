package org.memberhub.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.memberhub.api.error.DatabaseUnavailable;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.error.DomainException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's infrastructure on the application's database: the schemas of its tables (BYTEA columns and snake_case
 * names; the tables come from Flyway, never from Axon), one Jackson serializer for everything Axon stores, and a
 * command gateway that retries commands which lost an optimistic-concurrency race. The event store itself is
 * {@link org.memberhub.eventstore}.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Serializes tokens, dead-letter metadata and, wrapped by the command side's {@code eventSerializer} (which
     * encrypts personal data), events and snapshots. It has its own ObjectMapper so that settings of the REST
     * API (which rejects unknown fields) can never change how stored events are read back.
     */
    @Bean
    @Primary
    JacksonSerializer serializer(RevisionResolver revisionResolver) {
        ObjectMapper objectMapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(revisionResolver)
                .build();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Recognizes a duplicate (aggregate, sequence number) on append by its SQL state, 23505 unique_violation. Axon's
     * default JDBC resolver only knows drivers that throw SQLIntegrityConstraintViolationException, which
     * PostgreSQL's does not: a lost race between two instances would otherwise be an unexplained error instead of a
     * concurrency conflict that the command gateway retries.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** Axon's own correlation (correlation and trace ids) from command to events. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who acted, through which channel (and which Kafka record or sync run) travels from each command to its events. */
    @Bean
    CorrelationDataProvider auditCorrelationProvider() {
        return new SimpleCorrelationDataProvider(
                AuditMetadata.SOURCE,
                AuditMetadata.ACTOR_ID,
                AuditMetadata.ACTOR_NAME,
                AuditMetadata.ACTOR_ROLES,
                AuditMetadata.KAFKA_RECORD,
                AuditMetadata.KAFKA_EVENT_ID,
                AuditMetadata.SYNC_RUN);
    }

    /**
     * Retries a command whose append lost a race with another writer of the same member (another instance, say): the
     * retry reloads the member and decides again. Domain refusals are final and never retried, and neither is a
     * command that timed out waiting for a lock or could not reach the database: the caller is told to come back later
     * instead of waiting the lock or connection timeout several times over.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retryExecutor =
                Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("command-retry"));
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(retryExecutor)
                        // 10, 20, 40 ... 1 280 ms: on a busy machine two instances writing one member can lose a
                        // few races in a row; a client should not see 409 for that (at most 2.6 s of waiting)
                        .backoffFactor(10)
                        .maxRetryCount(8)
                        .nonTransientFailurePredicate(failure -> failure instanceof DomainException
                                || failure instanceof AxonNonTransientException
                                || failure instanceof AggregateStreamCreationException
                                || DatabaseUnavailable.any(failure))
                        .build())
                .build();
    }

    /**
     * Event timestamps come from the application clock, so that tests can move time, cut to the milliseconds the
     * event store keeps: a decision and its later replay then report the same instants.
     */
    @Bean
    EventClockBinding eventClockBinding(Clock clock) {
        return new EventClockBinding(Clock.tick(clock, Duration.ofMillis(1)));
    }

    /**
     * Axon keeps the event clock in a static field, so it is bound while this application runs and the previous one
     * is put back when it stops (tests run several applications in one JVM).
     */
    static final class EventClockBinding implements DisposableBean {

        private final Clock clock;
        private final Clock previous;

        EventClockBinding(Clock clock) {
            this.clock = clock;
            this.previous = GenericEventMessage.clock;
            GenericEventMessage.clock = clock;
        }

        @Override
        public void destroy() {
            if (GenericEventMessage.clock == clock) {
                GenericEventMessage.clock = previous;
            }
        }
    }
}
