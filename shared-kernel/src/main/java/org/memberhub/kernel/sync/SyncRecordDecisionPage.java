package org.memberhub.kernel.sync;

import java.util.List;

/** A page of a run's record decisions, in the order the run took them. */
public record SyncRecordDecisionPage(List<SyncRecordDecision> items, int page, int size, long total) {}
