package org.memberhub.kernel.points;

/** What cancelling an order's deduction gave back: {@code pointsReturned} as new lots, {@code pointsExpired} not. */
public record CancelDeductionDecision(String orderId, long pointsSpent, long pointsReturned, long pointsExpired) {}
