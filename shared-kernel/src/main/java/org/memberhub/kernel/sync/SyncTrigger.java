package org.memberhub.kernel.sync;

/** What started a sync run. */
public enum SyncTrigger {
    SCHEDULED,
    MANUAL
}
