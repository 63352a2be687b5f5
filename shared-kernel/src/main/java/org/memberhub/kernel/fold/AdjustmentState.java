package org.memberhub.kernel.fold;

import java.util.List;
import org.memberhub.kernel.loyalty.LotConsumption;

/** Points added or removed by staff. */
public record AdjustmentState(long delta, String reason, Integer lotNo, List<LotConsumption> consumed) {}
