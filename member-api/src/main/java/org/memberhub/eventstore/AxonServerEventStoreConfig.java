package org.memberhub.eventstore;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.memberhub.query.projection.EventStreamBacklog;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code axonserver} profile's event store ({@code axon.axonserver.enabled=true}): Axon Server's, instead of
 * {@link EventStoreConfig}'s JDBC engine on PostgreSQL (the {@link TransactionOrderedStorageEngine} is not used: Axon
 * Server hands out the global order itself). Built as Axon's auto-configuration would, with the application's
 * serializers, upcasters and snapshot filter, and with its storage engine published as the {@link EventStorageEngine}
 * that the history, audit, read-your-writes and consistency check read members' streams from. Commands and queries are
 * routed through Axon Server by Axon's auto-configuration ({@code AxonServerCommandBus}, {@code AxonServerQueryBus}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerEventStoreConfig {

    @Bean(name = "eventBus")
    ExposedAxonServerEventStore eventStore(
            AxonServerConfiguration axonServer,
            AxonServerConnectionManager connections,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration) {
        AxonServerEventStore.Builder builder = AxonServerEventStore.builder()
                .configuration(axonServer)
                .platformConnectionManager(connections)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .upcasterChain(configuration.upcasterChain())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        // build() creates Axon Server's storage engine and keeps it in the builder (it has no other way to make one);
        // the store it returns is dropped, and ours is made from the builder that now holds the engine
        builder.build();
        return new ExposedAxonServerEventStore(builder);
    }

    @Bean
    EventStorageEngine eventStorageEngine(ExposedAxonServerEventStore eventStore) {
        return eventStore.engine();
    }

    /**
     * Projection lag in events from Axon Server's head token; how long the oldest waited is not known without reading
     * it, so the lag in time stays empty (the {@code memberhub_projection_lag_seconds} gauge reads 0).
     */
    @Bean
    EventStreamBacklog eventStreamBacklog(ExposedAxonServerEventStore eventStore) {
        return after -> {
            TrackingToken head = eventStore.createHeadToken();
            long headPosition = head == null ? -1 : head.position().orElse(-1);
            long reached = after == null ? -1 : after.position().orElse(-1);
            return new EventStreamBacklog.Backlog(Math.max(0, headPosition - reached), Optional.<Instant>empty());
        };
    }

    /** Axon Server's event store with its storage engine reachable. */
    static final class ExposedAxonServerEventStore extends AxonServerEventStore {

        ExposedAxonServerEventStore(AxonServerEventStore.Builder builder) {
            super(builder);
        }

        EventStorageEngine engine() {
            return storageEngine();
        }
    }
}
