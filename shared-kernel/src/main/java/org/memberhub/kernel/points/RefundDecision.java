package org.memberhub.kernel.points;

import org.memberhub.kernel.loyalty.Money;

/**
 * What a refund did: the order's points it took back ({@code pointsReversed}, {@code debtIncurred} of them as debt)
 * and the points spent on the order it gave back ({@code pointsReturned}; {@code pointsExpired} came back expired).
 */
public record RefundDecision(
        String refundId,
        String orderId,
        Money amount,
        long pointsReversed,
        long debtIncurred,
        long pointsReturned,
        long pointsExpired) {}
