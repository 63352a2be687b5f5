package org.memberhub.kernel.fold;

import java.time.Instant;

/** A recorded purchase: what was paid and refunded, and what it earned and gave back. */
public record PurchaseState(
        String orderId,
        long amountFen,
        Instant occurredAt,
        long refundedFen,
        long pointsEarned,
        long pointsReversed,
        Integer lotNo,
        boolean pending,
        Instant releaseAt) {

    PurchaseState(String orderId, long amountFen, Instant occurredAt) {
        this(orderId, amountFen, occurredAt, 0, 0, 0, null, false, null);
    }

    PurchaseState refunded(long fen) {
        return new PurchaseState(
                orderId,
                amountFen,
                occurredAt,
                refundedFen + fen,
                pointsEarned,
                pointsReversed,
                lotNo,
                pending,
                releaseAt);
    }

    PurchaseState earned(long points, int lot, boolean isPending, Instant release) {
        return new PurchaseState(
                orderId, amountFen, occurredAt, refundedFen, points, pointsReversed, lot, isPending, release);
    }

    PurchaseState reversed(long points) {
        return new PurchaseState(
                orderId,
                amountFen,
                occurredAt,
                refundedFen,
                pointsEarned,
                pointsReversed + points,
                lotNo,
                pending,
                releaseAt);
    }

    /** What is left of the amount after refunds. */
    public long refundableFen() {
        return amountFen - refundedFen;
    }

    /** Whether a purchase command repeats this one: same amount and, when it declares one, the same time. */
    public boolean sameAs(long fen, Instant declaredAt) {
        return amountFen == fen && (declaredAt == null || declaredAt.equals(occurredAt));
    }
}
