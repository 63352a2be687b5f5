package org.memberhub.kernel.audit;

import java.util.List;

public record MemberHistoryPage(List<HistoryEntry> items, int page, int size, long total) {}
