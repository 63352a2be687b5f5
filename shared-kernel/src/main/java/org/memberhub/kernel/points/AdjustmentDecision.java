package org.memberhub.kernel.points;

import java.util.List;
import org.memberhub.kernel.loyalty.LotConsumption;

public record AdjustmentDecision(String adjustmentId, long delta, Integer lotNo, List<LotConsumption> consumed) {}
