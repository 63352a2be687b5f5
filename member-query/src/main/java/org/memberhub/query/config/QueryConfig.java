package org.memberhub.query.config;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.MemberView;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChangeListener;
import org.memberhub.query.integrity.ConsistencyCheck;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * Compares the read models with the event store on a schedule, on one instance at a time: every instance tries to
     * claim the round, one gets it ({@link ConsistencyCheck#runRound()}). The figures feed the drift metric.
     */
    @Bean
    SchedulingConfigurer consistencyCheckSchedule(ConsistencyCheck check, QueryProperties properties) {
        return registrar -> {
            Duration interval = properties.consistencyCheckInterval();
            if (!interval.isZero()) {
                registrar.addFixedDelayTask(new FixedDelayTask(check::runRound, interval, interval));
            }
        };
    }

    /** This instance's member details, kept exact by the members projection; each cache fills itself (see README). */
    @Bean
    MemberViewCache<MemberView> memberViews(QueryProperties properties, DSLContext dsl) {
        return new MemberViewCache<>(
                "member-views",
                MemberView::version,
                properties.viewCacheSize(),
                !postgres(dsl),
                properties.viewCacheWarmUp());
    }

    /** This instance's points balances, kept exact by the points projection. */
    @Bean
    MemberViewCache<PointsView> memberPoints(QueryProperties properties, DSLContext dsl) {
        return new MemberViewCache<>(
                "member-points",
                PointsView::version,
                properties.viewCacheSize(),
                !postgres(dsl),
                properties.viewCacheWarmUp());
    }

    /** This instance's member levels, kept exact by the levels projection. */
    @Bean
    MemberViewCache<MemberLevelView> memberLevels(QueryProperties properties, DSLContext dsl) {
        return new MemberViewCache<>(
                "member-levels",
                MemberLevelView::version,
                properties.viewCacheSize(),
                !postgres(dsl),
                properties.viewCacheWarmUp());
    }

    /**
     * On PostgreSQL, where several instances may share the read models, the caches serve only while this instance
     * receives every instance's change notifications; the embedded database has one instance, whose own projections
     * invalidate its caches.
     */
    @Bean
    ViewChangeListener viewChangeListener(DataSource dataSource, List<MemberViewCache<?>> caches, DSLContext dsl) {
        return new ViewChangeListener(dataSource, caches, postgres(dsl));
    }

    private static boolean postgres(DSLContext dsl) {
        return dsl.dialect().family() == SQLDialect.POSTGRES;
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
    ConfigurerModule trackingProjectors(
            QueryProperties properties,
            // false on an instance without the query role (memberhub.roles): its processors are never started
            @Value("${memberhub.query.projectors-enabled:true}") boolean projectorsEnabled) {
        return configurer -> configurer
                .eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(config ->
                        TrackingEventProcessorConfiguration.forParallelProcessing(properties.processorSegments())
                                .andInitialSegmentsCount(properties.processorSegments())
                                .andBatchSize(properties.processorBatchSize())
                                .andAutoStart(projectorsEnabled))
                .registerTrackingEventProcessorConfiguration(
                        REPORTING, config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(properties.processorBatchSize())
                                .andAutoStart(projectorsEnabled));
    }
}
