package org.memberhub.command.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.memberhub.command.member.DueTransitionSweeper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandProperties.class)
class CommandConfig {

    @Bean
    SnapshotTriggerDefinition memberSnapshotTrigger(Snapshotter snapshotter, CommandProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** An activity holds its participants, so a popular one is snapshotted like a member. */
    @Bean
    SnapshotTriggerDefinition activitySnapshotTrigger(Snapshotter snapshotter, CommandProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
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
