package org.memberhub.kernel.sync;

/** What a sync run did with one external record; each run counts its records by outcome ({@link SyncCounts}). */
public enum SyncOutcome {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    CONFLICT_WON_LOCALLY,
    CONFLICT_WON_EXTERNALLY,
    FAILED,
    QUARANTINED
}
