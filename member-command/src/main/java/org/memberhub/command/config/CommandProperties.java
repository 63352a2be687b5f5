package org.memberhub.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the command side.
 *
 * @param snapshotThreshold events after which a member aggregate is snapshotted, so that loading it never replays
 *     more than this many events
 * @param sweepEnabled whether this instance sweeps for members with releases, expiries or level ends due
 * @param sweepInterval pause between sweeps; the longest a due transition waits for a member that receives no command
 * @param sweepBatchSize members read from the schedule at a time
 * @param aggregateCacheSize members kept loaded in memory between commands (least recently used go first); 0 turns
 *     the cache off
 * @param aggregateCacheIdle a member not used for this long leaves the cache
 * @param lockTimeout longest a command's transaction waits for a lock (PostgreSQL {@code lock_timeout}, set for each
 *     command's transaction); a command that waited this long is answered "try again" and changed nothing
 * @param statementTimeout longest single statement of a command's transaction ({@code statement_timeout})
 */
@ConfigurationProperties("memberhub.command")
public record CommandProperties(
        @DefaultValue("50") int snapshotThreshold,
        @DefaultValue("true") boolean sweepEnabled,
        @DefaultValue("PT1S") Duration sweepInterval,
        @DefaultValue("200") int sweepBatchSize,
        @DefaultValue("20000") int aggregateCacheSize,
        @DefaultValue("10m") Duration aggregateCacheIdle,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("5s") Duration statementTimeout) {}
