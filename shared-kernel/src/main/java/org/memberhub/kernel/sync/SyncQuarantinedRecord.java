package org.memberhub.kernel.sync;

import java.time.Instant;

/**
 * A version of an external record that failed too often and is no longer tried by incremental runs: identified by its
 * external id and update time, with the stable code of its last error; no personal data.
 *
 * @param externalUpdatedAt the version's update time in the external system; null when the record had none
 * @param attempts how many runs tried it
 * @param lastRunId the last run that tried it
 */
public record SyncQuarantinedRecord(
        String externalId,
        Instant externalUpdatedAt,
        String code,
        int attempts,
        Instant quarantinedAt,
        long lastRunId) {}
