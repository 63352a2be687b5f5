package org.memberhub.query.config;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
class QueryConfig {

    /**
     * Every projector runs in a pooled streaming processor: events are fetched once per processor and applied in
     * batches, each batch in one transaction together with the processor's token.
     */
    @Bean
    ConfigurerModule pooledProjectors(QueryProperties properties) {
        return configurer -> configurer
                .eventProcessing()
                .usingPooledStreamingEventProcessors(
                        (config, builder) -> builder.batchSize(properties.processorBatchSize())
                                .initialSegmentCount(properties.processorSegments()));
    }
}
