package org.memberhub.kernel.sync;

/** Where a sync run stands. A run that failed applied what it applied before failing, each record whole. */
public enum SyncRunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
