package org.memberhub.kernel.sync;

/**
 * What a sync run did with the external records it read.
 *
 * @param created members registered from new external records
 * @param updated profiles replaced by external changes, the member unchanged here since the last run
 * @param deleted members deleted because the external system deleted them
 * @param unchanged records that matched the member already
 * @param conflictsWonLocally records that differ from a member changed here later than the external record was
 * @param conflictsWonExternally records changed later than the member, which had also changed here since the last run
 * @param failed records that could not be applied (see the run's errors)
 */
public record SyncCounts(
        int created,
        int updated,
        int deleted,
        int unchanged,
        int conflictsWonLocally,
        int conflictsWonExternally,
        int failed) {}
