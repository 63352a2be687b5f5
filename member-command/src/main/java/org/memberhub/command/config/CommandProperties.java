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
 * @param sweepAttempts failed wake-ups after which the sweep poisons a member: skips it until it is retried by hand
 *     or one of its commands succeeds (failures of the database or races with other writers do not count)
 * @param sweepBackOff wait before a member whose wake-up failed is tried again, doubled after each further failure
 * @param sweepMaxBackOff the longest wait between two attempts
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
        @DefaultValue("8") int sweepAttempts,
        @DefaultValue("30s") Duration sweepBackOff,
        @DefaultValue("1h") Duration sweepMaxBackOff,
        @DefaultValue("20000") int aggregateCacheSize,
        @DefaultValue("10m") Duration aggregateCacheIdle,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("5s") Duration statementTimeout) {}
