package org.memberhub.kernel.sync;

/** Which external records a sync run reads. */
public enum SyncMode {
    /** Those changed since the watermark: the end of the last good run. */
    INCREMENTAL,
    /** All of them. */
    FULL
}
