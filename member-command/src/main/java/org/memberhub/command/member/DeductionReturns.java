package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requireReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.PurchaseState;
import org.memberhub.kernel.fold.SpendState;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.points.CancelDeductionDecision;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * Points spent on an order come back when the order is refunded, in proportion to the refunded share of its recorded
 * amount, or all at once when its deduction is cancelled because the order never completed. They come back as new
 * lots that keep the expiry of the lots they were taken from, the last taken first; the share of a lot that has
 * expired by then comes back expired, that is not at all. Returned points, like any points becoming available, first
 * pay off debt.
 */
final class DeductionReturns {

    private DeductionReturns() {}

    /**
     * Gives back the share of the order's deduction that the refunded share of its amount paid for; computed on the
     * totals, so that partial refunds adding up to the whole order give back exactly what was spent. A deduction pays
     * for what was left of the order when the points were spent: refunds before it give nothing back. {@code purchase}
     * is the order as it was before this refund of {@code amountFen}.
     */
    static void onRefund(Deciding d, String refundId, PurchaseState purchase, long amountFen) {
        SpendState spend = d.state().spend(SpendPurpose.ORDER_DEDUCTION, purchase.orderId());
        long paidFor = spend == null ? 0 : purchase.amountFen() - spend.refundedBeforeFen();
        if (paidFor <= 0) {
            return;
        }
        long share = PurchaseRules.proportion(
                spend.points(), purchase.refundedFen() + amountFen - spend.refundedBeforeFen(), paidFor);
        giveBack(d, spend, refundId, Math.min(share - spend.returned(), spend.outstanding()));
    }

    /**
     * Cancels the deduction of an order that never completed: everything spent on it and not yet back comes back. An
     * order with a recorded purchase is refused, since its points come back with its refunds.
     */
    static Decided<CancelDeductionDecision> cancel(Deciding d, String orderId) {
        requireReference(orderId);
        SpendState spend = d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId);
        if (spend == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        if (spend.cancelled()) {
            return Decided.again(decision(spend));
        }
        if (d.state().purchase(orderId) != null) {
            throw new DomainException(ErrorCode.ORDER_COMPLETED, orderId);
        }
        giveBack(d, d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId), null, spend.outstanding());
        return Decided.fresh(decision(d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId)));
    }

    /**
     * Gives back {@code points} of the deduction, undoing it from the last lot it took: the lots it took are walked
     * backwards, past what came back before; the share of each lot still in the future comes back as a new lot.
     * A cancel ({@code refundId} null) is recorded even when nothing is left to give back.
     */
    private static void giveBack(Deciding d, SpendState spend, String refundId, long points) {
        if (points <= 0 && refundId != null) {
            return;
        }
        List<ReturnedLot> lots = new ArrayList<>();
        long skip = spend.returned();
        long left = Math.max(0, points);
        long returned = 0;
        long expired = 0;
        long debt = d.state().debt();
        int lotNo = d.state().lots().lastLotNo();
        for (int i = spend.consumed().size() - 1; i >= 0 && left > 0; i--) {
            LotConsumption taken = spend.consumed().get(i);
            long fromLot = taken.points() - Math.min(skip, taken.points());
            skip -= taken.points() - fromLot;
            long share = Math.min(left, fromLot);
            if (share == 0) {
                continue;
            }
            left -= share;
            Instant expiresAt = spend.consumedExpiry().get(i);
            if (expiresAt.isAfter(d.now())) {
                long settled = Math.min(debt, share);
                debt -= settled;
                lots.add(new ReturnedLot(++lotNo, share, expiresAt, settled));
                returned += share;
            } else {
                expired += share;
            }
        }
        d.apply(new SpentPointsReturnedEvent(
                d.id(), spend.reference(), refundId, returned, expired, List.copyOf(lots)));
    }

    private static CancelDeductionDecision decision(SpendState spend) {
        return new CancelDeductionDecision(
                spend.reference(), spend.points(), spend.returned() - spend.returnedExpired(), spend.returnedExpired());
    }
}
