package org.memberhub.query.projection;

import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nonnull;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every processing group a dead-letter queue in the database (table {@code dead_letter_entry}), so that an
 * event a projector cannot apply is parked, with all later events of the same member, instead of stopping the
 * projector for everyone. The queue records failures by {@link Failures#asDeadLetterCause}, free of the data that
 * caused them. A batch that fails as a whole is tried again event by event ({@link FailedBatches}), so that the
 * queue gets the one event that fails.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
class DeadLetterConfig {

    /**
     * Replaces Axon's property-driven module (which enables queues group by group in configuration), so that no
     * projector can be added without one.
     */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueues(
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            FailedBatches failedBatches,
            ListableBeanFactory beans) {
        Set<String> groups = processingGroups(beans);
        return new DeadLetterQueueProviderConfigurerModule(null, null) {
            @Override
            public void configureModule(@Nonnull Configurer configurer) {
                configurer
                        .eventProcessing()
                        .registerDeadLetterQueueProvider(group -> config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(schema)
                                .genericSerializer(genericSerializer)
                                .eventSerializer(eventSerializer)
                                .build())
                        .registerDefaultDeadLetterPolicy(
                                config -> (letter, cause) -> Decisions.enqueue(Failures.asDeadLetterCause(cause)))
                        .registerDefaultErrorHandler(config -> failedBatches);
                // remembers per segment which members have parked events, instead of asking the table at every event
                groups.forEach(group -> configurer
                        .eventProcessing()
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (config, builder) -> builder.enableSequenceIdentifierCache()));
            }
        };
    }

    /** The processing groups of the application's projectors, read from their annotations without creating them. */
    static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
            if (group != null) {
                groups.add(group.value());
            }
        }
        return groups;
    }
}
