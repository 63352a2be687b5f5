package org.memberhub.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.memberhub.query.integrity.ConsistencyCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    /** The last consistency check: read model figures that differ from the event store, and members behind. */
    @Bean
    MeterBinder consistencyMetrics(ConsistencyCheck check) {
        return registry -> {
            Gauge.builder("memberhub.consistency.drift", check, c -> driftOf(c.lastReport()))
                    .description("Read model figures that differ from the event store at the last check (-1: none yet)")
                    .register(registry);
            Gauge.builder(
                            "memberhub.consistency.behind",
                            check,
                            c -> c.lastReport() == null ? -1 : c.lastReport().membersBehind())
                    .description("Members whose read models had not applied their latest events at the last check")
                    .register(registry);
        };
    }

    private static double driftOf(ConsistencyReport report) {
        return report == null ? -1 : report.driftCount();
    }
}
