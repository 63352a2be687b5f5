package org.memberhub.kernel.fold;

import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.points.SpendPurpose;

/**
 * Points spent on an order, a product or a benefit, the lots they came from and when those lots expire (in the order
 * of {@code consumed}), and, for an order deduction, how much of the order had been refunded when the points were
 * spent ({@code refundedBeforeFen}: the deduction pays for the rest), how much of it came back ({@code returned}, counting what came
 * back expired, and how much of that came back expired) and whether the deduction was cancelled.
 */
public record SpendState(
        SpendPurpose purpose,
        String reference,
        long points,
        long orderAmountFen,
        long valueFen,
        String productId,
        List<LotConsumption> consumed,
        List<Instant> consumedExpiry,
        long refundedBeforeFen,
        long returned,
        long returnedExpired,
        boolean cancelled) {

    /** What has not come back yet. */
    public long outstanding() {
        return points - returned;
    }

    SpendState returned(long more, long expired, boolean cancel) {
        return new SpendState(
                purpose,
                reference,
                points,
                orderAmountFen,
                valueFen,
                productId,
                consumed,
                consumedExpiry,
                refundedBeforeFen,
                returned + more,
                returnedExpired + expired,
                cancelled || cancel);
    }
}
