package org.memberhub.query.config;

import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.memberhub.query.integrity.ConsistencyCheck;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
@EnableScheduling
class QueryConfig {

    /** Compares the read models with the event store on a schedule; its last report feeds the drift metric. */
    @Bean
    SchedulingConfigurer consistencyCheckSchedule(ConsistencyCheck check, QueryProperties properties) {
        return registrar -> {
            Duration interval = properties.consistencyCheckInterval();
            if (!interval.isZero()) {
                registrar.addFixedDelayTask(new FixedDelayTask(check::run, interval, interval));
            }
        };
    }

    /** The reporting projection keeps running totals that many events move at once, so one thread applies them all. */
    static final String REPORTING = "reporting";

    /**
     * Every projector runs in a tracking processor that applies events in batches, each batch in one transaction
     * together with the processor's token. Tracking rather than pooled streaming processors: the embedded event store
     * wakes a tracking processor as soon as an event is committed, while a pooled one polls every 500 ms when idle,
     * which a client reading its own writes would wait for after every change. The reporting projection has a single
     * segment: its rows (a day's totals) are shared by events of all members, and two segments would wait for each
     * other's locks on them, or deadlock.
     */
    @Bean
    ConfigurerModule trackingProjectors(QueryProperties properties) {
        return configurer -> configurer
                .eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(config ->
                        TrackingEventProcessorConfiguration.forParallelProcessing(properties.processorSegments())
                                .andInitialSegmentsCount(properties.processorSegments())
                                .andBatchSize(properties.processorBatchSize()))
                .registerTrackingEventProcessorConfiguration(
                        REPORTING, config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(properties.processorBatchSize()));
    }
}
