package org.memberhub.kernel.sync;

import java.util.List;

/** Sync runs, newest first; each without its record errors (see {@link FindSyncRunQuery}). */
public record SyncRunPage(List<SyncRunView> items, int page, int size, long total) {}
