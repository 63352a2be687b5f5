package org.memberhub.kernel.points;

import java.util.List;

public record LedgerPage(List<LedgerEntry> items, int page, int size, long total) {}
