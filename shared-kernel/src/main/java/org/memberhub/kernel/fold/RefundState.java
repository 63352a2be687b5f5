package org.memberhub.kernel.fold;

/** A recorded refund, the points it took back and the spent points it gave back. */
public record RefundState(
        String refundId,
        String orderId,
        long amountFen,
        long pointsReversed,
        long debtIncurred,
        long pointsReturned,
        long pointsExpired) {

    RefundState reversed(long points, long debt) {
        return new RefundState(refundId, orderId, amountFen, points, debt, pointsReturned, pointsExpired);
    }

    RefundState returned(long points, long expired) {
        return new RefundState(refundId, orderId, amountFen, pointsReversed, debtIncurred, points, expired);
    }
}
