package org.memberhub.kernel.sync;

/**
 * What a sync run did with the external records it read.
 *
 * @param created members registered from new external records
 * @param updated profiles replaced by external changes, with no profile edit here since the last version applied
 * @param deleted members deleted because the external system deleted them
 * @param unchanged records that matched the member already, or whose version was applied already
 * @param conflictsWonLocally records that differ from a member whose profile was edited here (not by the sync) later
 *     than the external record was
 * @param conflictsWonExternally records applied over a profile edit made here since the last external version applied
 * @param failed records that could not be applied (see the run's errors) and will be tried again
 * @param quarantined records set aside after failing {@code memberhub.sync.quarantine-after} times: quarantined in
 *     this run, or skipped because they were; they no longer hold the watermark back (see the sync status)
 */
public record SyncCounts(
        int created,
        int updated,
        int deleted,
        int unchanged,
        int conflictsWonLocally,
        int conflictsWonExternally,
        int failed,
        int quarantined) {}
