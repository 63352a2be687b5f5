package org.memberhub.kernel.fold;

/** A recorded refund and the points it took back. */
public record RefundState(String refundId, String orderId, long amountFen, long pointsReversed, long debtIncurred) {}
