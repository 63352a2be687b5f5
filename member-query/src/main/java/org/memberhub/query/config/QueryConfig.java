package org.memberhub.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
class QueryConfig {

    /**
     * Every projector runs in a tracking processor that applies events in batches, each batch in one transaction
     * together with the processor's token. Tracking rather than pooled streaming processors: the embedded event store
     * wakes a tracking processor as soon as an event is committed, while a pooled one polls every 500 ms when idle,
     * which a client reading its own writes would wait for after every change.
     */
    @Bean
    ConfigurerModule trackingProjectors(QueryProperties properties) {
        return configurer -> configurer
                .eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(config ->
                        TrackingEventProcessorConfiguration.forParallelProcessing(properties.processorSegments())
                                .andInitialSegmentsCount(properties.processorSegments())
                                .andBatchSize(properties.processorBatchSize()));
    }
}
