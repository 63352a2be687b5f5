package org.memberhub.kernel.sync;

/** Answers a {@link SyncStatus}. */
public record FindSyncStatusQuery() {}
