package org.memberhub.kernel.sync;

import java.time.Instant;
import java.util.List;

/**
 * One sync run.
 *
 * @param watermarkFrom the external update time the run read from (inclusive): the watermark less the overlap; null
 *     for a full run or the first one
 * @param watermarkTo where the next incremental run starts: the update time of the last record read with every record
 *     before it applied (or quarantined), never past a record that failed and is to be tried again, never back
 * @param error why the run failed, if it did
 * @param errors the records that could not be applied
 */
public record SyncRunView(
        long id,
        SyncTrigger trigger,
        SyncMode mode,
        String requestedBy,
        SyncRunStatus status,
        Instant startedAt,
        Instant finishedAt,
        Instant watermarkFrom,
        Instant watermarkTo,
        SyncCounts counts,
        String error,
        List<SyncRecordError> errors) {}
