package org.memberhub.kernel.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sync with the external member system at a glance.
 *
 * @param configured whether an external system is configured at all
 * @param interval time between scheduled runs; zero when runs are only started by hand
 * @param watermark where the next incremental run starts (it reads from {@code memberhub.sync.overlap} earlier)
 * @param running the run under way on any instance, if any
 * @param lastRun the latest run that finished
 * @param lastSuccessAt when the latest successful run finished
 * @param quarantinedTotal how many external records are quarantined
 * @param quarantined the most recently quarantined of them (at most 100)
 */
public record SyncStatus(
        boolean configured,
        Duration interval,
        Instant watermark,
        SyncRunView running,
        SyncRunView lastRun,
        Instant lastSuccessAt,
        long quarantinedTotal,
        List<SyncQuarantinedRecord> quarantined) {}
