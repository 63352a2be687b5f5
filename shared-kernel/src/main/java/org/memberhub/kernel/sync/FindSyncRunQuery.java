package org.memberhub.kernel.sync;

/** Answers an {@code Optional<SyncRunView>} with the run's record errors. */
public record FindSyncRunQuery(long runId) {}
