package org.memberhub.kernel.sync;

/**
 * Answers an {@code Optional<SyncRecordDecisionPage>}: a run's decisions in the order they were taken, empty when there
 * is no such run.
 *
 * @param outcome only decisions with this outcome; null for all
 */
public record FindSyncRunDecisionsQuery(long runId, SyncOutcome outcome, int page, int size) {}
