package org.memberhub.kernel.sync;

/** Answers a {@link SyncRunPage}, newest run first. */
public record FindSyncRunsQuery(int page, int size) {}
