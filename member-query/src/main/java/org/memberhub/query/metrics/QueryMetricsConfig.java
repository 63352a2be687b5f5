package org.memberhub.query.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;
import org.memberhub.kernel.audit.ConsistencyReport;
import org.memberhub.kernel.loyalty.LevelRule;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.projection.ProjectionStatus;
import org.memberhub.query.integrity.ConsistencyCheck;
import org.memberhub.query.integrity.ConsistencyCheck.Summary;
import org.memberhub.query.projection.Projections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's gauges: members by status and level, drift found by the consistency check, and the lag of each
 * processing group. Listed in docker/README.md ("Metrics, dashboards, logs").
 */
@Configuration(proxyBeanMethods = false)
class QueryMetricsConfig {

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

    /**
     * The last consistency check of any instance (the scheduled one runs on one instance at a time, so every instance
     * reports its figures): read model figures that differ from the event store, and members behind.
     */
    @Bean
    MeterBinder consistencyMetrics(ConsistencyCheck check) {
        return registry -> {
            Gauge.builder("memberhub.consistency.drift", check, c -> figure(c, Summary::driftCount))
                    .description("Read model figures that differ from the event store at the last check (-1: none yet)")
                    .register(registry);
            Gauge.builder("memberhub.consistency.behind", check, c -> figure(c, Summary::membersBehind))
                    .description("Members whose read models had not applied their latest events at the last check")
                    .register(registry);
        };
    }

    private static double figure(ConsistencyCheck check, ToIntFunction<Summary> figure) {
        Summary summary;
        try {
            summary = check.lastSummary();
        } catch (RuntimeException e) {
            ConsistencyReport local = check.lastReport();
            summary = local == null ? null : new Summary(local.checkedAt(), local.driftCount(), local.membersBehind());
        }
        return summary == null ? -1 : figure.applyAsInt(summary);
    }

    /**
     * Per processing group: events not yet applied, how long the oldest has waited, and events parked in the
     * dead-letter queue. A scrape reads each group's status once, however many of its gauges it reads.
     */
    @Bean
    MeterBinder projectionMetrics(Projections projections) {
        return registry -> {
            StatusCache statuses = new StatusCache(projections);
            for (String group : projections.names()) {
                Gauge.builder("memberhub.projection.lag.events", statuses, c -> c.of(group)
                                .lagEvents())
                        .tag("group", group)
                        .strongReference(true)
                        .description("Events in the store the processing group has not applied yet")
                        .register(registry);
                Gauge.builder(
                                "memberhub.projection.lag.seconds",
                                statuses,
                                c -> c.of(group).lagTime().toMillis() / 1000.0)
                        .tag("group", group)
                        .strongReference(true)
                        .description("How long the oldest event the processing group has not applied has waited")
                        .register(registry);
                Gauge.builder("memberhub.projection.parked", statuses, c -> c.of(group)
                                .parkedEvents())
                        .tag("group", group)
                        .strongReference(true)
                        .description("Events of the processing group parked in the dead-letter queue")
                        .register(registry);
            }
        };
    }

    /** Statuses read at most once a second, so that one scrape's gauges of a group share one read. */
    static final class StatusCache {

        private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

        private final Projections projections;
        private final Map<String, Timed> statuses = new ConcurrentHashMap<>();

        StatusCache(Projections projections) {
            this.projections = projections;
        }

        ProjectionStatus of(String group) {
            return statuses.compute(
                            group,
                            (name, cached) -> cached != null && System.nanoTime() - cached.readAt() < MAX_AGE_NANOS
                                    ? cached
                                    : new Timed(projections.status(name), System.nanoTime()))
                    .status();
        }

        private record Timed(ProjectionStatus status, long readAt) {}
    }
}
