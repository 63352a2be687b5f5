package org.memberhub.command.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.memberhub.command.cache.CaffeineAxonCache;
import org.memberhub.command.cache.StreamCheckedRepository;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.command.member.Member;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandProperties.class)
class CommandConfig {

    @Bean
    SnapshotTriggerDefinition memberSnapshotTrigger(Snapshotter snapshotter, CommandProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /**
     * Members stay loaded between commands, so that a member's next command neither replays its stream nor decrypts
     * its profile again. Several instances share the event store, so a cached member is used only while the store has
     * no newer event of it ({@link StreamCheckedRepository}).
     */
    @Bean
    EventSourcingRepository<Member> memberRepository(
            EventStore eventStore,
            @Qualifier("memberSnapshotTrigger") SnapshotTriggerDefinition snapshotTrigger,
            ParameterResolverFactory parameterResolverFactory,
            HandlerDefinition handlerDefinition,
            ObjectProvider<RepositorySpanFactory> spanFactory,
            CommandProperties properties,
            MeterRegistry metrics) {
        EventSourcingRepository.Builder<Member> builder = EventSourcingRepository.builder(Member.class)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition);
        spanFactory.ifAvailable(builder::spanFactory);
        if (properties.aggregateCacheSize() <= 0) {
            return builder.build();
        }
        CaffeineAxonCache cache = new CaffeineAxonCache(Caffeine.newBuilder()
                .maximumSize(properties.aggregateCacheSize())
                .expireAfterAccess(properties.aggregateCacheIdle())
                .build());
        return new StreamCheckedRepository<>(builder, cache, eventStore, Member::erased, metrics, "Member");
    }

    /** An activity holds its participants, so a popular one is snapshotted like a member. */
    @Bean
    SnapshotTriggerDefinition activitySnapshotTrigger(Snapshotter snapshotter, CommandProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** Short lock and statement limits for each command's transaction, on PostgreSQL (H2 has no such settings). */
    @Bean
    SmartInitializingSingleton commandTransactionLimits(
            CommandBus commandBus, DataSource dataSource, CommandProperties properties) {
        return () -> {
            if (isPostgres(dataSource)) {
                commandBus.registerHandlerInterceptor(new CommandTransactionLimits(
                        new JdbcTemplate(dataSource), properties.lockTimeout(), properties.statementTimeout()));
            }
        };
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the command side is on", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "memberhub.command.sweep-enabled", matchIfMissing = true)
    static class SweepScheduling {

        @Bean
        SchedulingConfigurer dueTransitionSweep(DueTransitionSweeper sweeper, CommandProperties properties) {
            return registrar -> registrar.addFixedDelayTask(sweeper::sweep, properties.sweepInterval());
        }
    }
}
