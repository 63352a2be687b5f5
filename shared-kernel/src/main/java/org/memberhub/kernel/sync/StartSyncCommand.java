package org.memberhub.kernel.sync;

/**
 * Starts a sync run with the external member system, unless one is running on any instance. Answers the new run's
 * {@link SyncRunView} at once; the run goes on in the background.
 */
public record StartSyncCommand(SyncMode mode, SyncTrigger trigger, String requestedBy) {}
