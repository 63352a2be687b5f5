package org.memberhub.kernel.points;

import java.util.List;

public record LotList(List<LotView> lots) {}
