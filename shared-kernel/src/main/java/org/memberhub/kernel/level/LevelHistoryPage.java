package org.memberhub.kernel.level;

import java.util.List;

public record LevelHistoryPage(List<LevelChange> items, int page, int size, long total) {}
