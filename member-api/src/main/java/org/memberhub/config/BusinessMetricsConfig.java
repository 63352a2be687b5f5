package org.memberhub.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.jooq.DSLContext;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.query.metrics.MemberCounts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Business metrics (issue 16): members by status and level, points, purchases, refunds, registrations, benefit uses
 * and activity joins from the events, and command latency per command type. Listed in docker/README.md ("Metrics, dashboards,
 * logs") and used by the Grafana loyalty dashboard.
 */
@Configuration(proxyBeanMethods = false)
class BusinessMetricsConfig {

    /**
     * {@code memberhub.members{status, level}}: members in the read model, one grouped query at most every
     * {@code memberhub.metrics.member-counts-max-age} (30 s), read when a scrape asks. Every instance reports the same
     * shared figures: aggregate them with {@code max}, not {@code sum}.
     */
    @Bean
    MeterBinder memberCountMetrics(
            DSLContext dsl,
            LoyaltyRules rules,
            @Value("${memberhub.metrics.member-counts-max-age:30s}") Duration maxAge) {
        MemberCounts counts = new MemberCounts(dsl, maxAge);
        return registry -> {
            for (MemberStatus status : MemberStatus.values()) {
                for (LevelRule level : rules.levels()) {
                    Gauge.builder("memberhub.members", counts, c -> c.of(status.name(), level.level()))
                            .description("Members by status and level in the read model (at most the configured"
                                    + " age old)")
                            .tag("status", status.name())
                            .tag("level", Integer.toString(level.level()))
                            .strongReference(true)
                            .register(registry);
                }
            }
        };
    }

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
