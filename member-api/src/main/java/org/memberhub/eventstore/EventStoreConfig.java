package org.memberhub.eventstore;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;
import org.memberhub.query.projection.EventStreamBacklog;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The event store: Axon's JDBC storage engine on the application's database, read so that no event is ever skipped.
 * On PostgreSQL appends run in parallel and readers follow the order of the writing transactions ({@link
 * TransactionOrderedStorageEngine}); on other databases (the embedded H2) every append takes one lock, so that events
 * commit in the order of their global index.
 */
@Configuration(proxyBeanMethods = false)
// the axonserver profile stores events in Axon Server instead (AxonServerEventStoreConfig)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class EventStoreConfig {

    @Bean
    EventStorageEngine eventStorageEngine(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            EventStoreProperties properties,
            DataSource dataSource) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .gapTimeout(Math.toIntExact(properties.gapTimeout().toMillis()))
                .batchSize(properties.batchSize());
        return switch (order(properties, dataSource)) {
            case TRANSACTION -> new TransactionOrderedStorageEngine(builder, transactionManager);
            case LOCKED_GLOBAL_INDEX -> builder.appendEvents(EventStoreConfig::appendInOrder)
                    .build();
            case GLOBAL_INDEX -> builder.build();
        };
    }

    /** How far projections are behind, in the order in which the store delivers events. */
    @Bean
    EventStreamBacklog eventStreamBacklog(EventStoreProperties properties, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return order(properties, dataSource) == StreamOrder.TRANSACTION
                ? StreamBacklogs.transactionOrder(jdbc)
                : StreamBacklogs.globalIndexOrder(jdbc);
    }

    /** Axon's embedded event store, looking for new events every poll interval when none were announced. */
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.pollInterval().toMillis())
                .build();
    }

    /** The order in which events are read. */
    private enum StreamOrder {
        /** By writing transaction, then global index: parallel appends, nothing skipped (PostgreSQL). */
        TRANSACTION,
        /** By global index, appends one at a time under the append lock: nothing skipped. */
        LOCKED_GLOBAL_INDEX,
        /** By global index with Axon's gap timeout: a transaction open past it loses its events. */
        GLOBAL_INDEX
    }

    private static StreamOrder order(EventStoreProperties properties, DataSource dataSource) {
        if (!properties.orderedAppends()) {
            return StreamOrder.GLOBAL_INDEX;
        }
        try {
            String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equals(database) ? StreamOrder.TRANSACTION : StreamOrder.LOCKED_GLOBAL_INDEX;
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the event store is on", e);
        }
    }

    /**
     * Appends after taking the append lock, held until the transaction commits. Global indexes are handed out while
     * the lock is held, so they commit in order and a reader never sees index n+1 before n: the gap that Axon would
     * skip after its gap timeout (issue #4829) cannot arise from a slow transaction. The lock is taken at the very end
     * of a command, when its events are appended, so it is held for the insert and commit only.
     */
    private static PreparedStatement appendInOrder(
            Connection connection,
            EventSchema schema,
            Class<?> dataType,
            List<? extends EventMessage<?>> events,
            Serializer serializer,
            TimestampWriter timestampWriter)
            throws SQLException {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT id FROM event_append_lock WHERE id = 1 FOR UPDATE")) {
            lock.executeQuery().close();
        }
        return JdbcEventStorageEngineStatements.appendEvents(
                connection, schema, dataType, events, serializer, timestampWriter);
    }
}
