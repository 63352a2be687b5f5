package org.memberhub.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Business metrics (issue 16): points, purchases, refunds, registrations, benefit uses and activity joins from the
 * events, and command latency per command type; members by status and level are the query side's gauges. Listed in
 * docker/README.md ("Metrics, dashboards, logs") and used by the Grafana loyalty dashboard.
 */
@Configuration(proxyBeanMethods = false)
class BusinessMetricsConfig {

    /** Counters of points, purchases and refunds from the events this instance publishes. */
    @Bean
    SmartInitializingSingleton loyaltyEventMetrics(EventBus eventBus, MeterRegistry registry) {
        return () -> eventBus.subscribe(new LoyaltyEventCounters(registry));
    }

    /** {@code memberhub.command.handling{command, outcome}}: command latency per command type. */
    @Bean
    SmartInitializingSingleton commandLatencyMetrics(CommandBus commandBus, MeterRegistry registry) {
        return () -> commandBus.registerHandlerInterceptor(new CommandTimer(registry));
    }
}
