package org.memberhub.kernel.fold;

import java.util.List;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.points.SpendPurpose;

/** Points spent on an order, a product or a benefit, and the lots they came from. */
public record SpendState(
        SpendPurpose purpose,
        String reference,
        long points,
        long orderAmountFen,
        long valueFen,
        String productId,
        List<LotConsumption> consumed) {}
