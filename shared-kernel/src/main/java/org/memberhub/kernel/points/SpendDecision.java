package org.memberhub.kernel.points;

import java.util.List;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;

public record SpendDecision(
        SpendPurpose purpose, String reference, long points, Money value, List<LotConsumption> consumed) {}
