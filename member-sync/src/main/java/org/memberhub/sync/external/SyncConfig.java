package org.memberhub.sync.external;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.sync.StartSyncCommand;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
@EnableScheduling
class SyncConfig {

    private static final Logger log = LoggerFactory.getLogger(SyncConfig.class);

    @Bean
    SyncService syncService(
            SyncRuns runs,
            MemberSyncStates states,
            RecordFailures failures,
            SyncProperties properties,
            CommandGateway commands,
            QueryGateway queries,
            Clock clock,
            MeterRegistry metrics) {
        ExternalMemberClient client = properties.configured() ? new ExternalMemberClient(properties.external()) : null;
        SyncRunner runner = new SyncRunner(
                client, runs, states, failures, commands, queries, clock, metrics, properties, SyncService.NODE);
        return new SyncService(runs, failures, runner, properties, clock);
    }

    /** An incremental run every {@code memberhub.sync.interval}, when an external system is configured. */
    @Bean
    SchedulingConfigurer scheduledSync(SyncProperties properties, CommandGateway commands) {
        return registrar -> {
            if (properties.configured() && !properties.interval().isZero()) {
                registrar.addFixedDelayTask(new FixedDelayTask(
                        () -> {
                            try {
                                commands.sendAndWait(
                                        new StartSyncCommand(SyncMode.INCREMENTAL, SyncTrigger.SCHEDULED, null));
                            } catch (DomainException refused) {
                                if (refused.code() != ErrorCode.SYNC_ALREADY_RUNNING) {
                                    throw refused;
                                }
                                log.info("Scheduled sync skipped: a run is still under way");
                            }
                        },
                        properties.interval(),
                        properties.interval()));
            }
        };
    }
}
