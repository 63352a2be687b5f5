package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requireAvailable;
import static org.memberhub.command.member.PointRules.requirePositive;
import static org.memberhub.command.member.PointRules.requireReference;

import java.util.ArrayList;
import java.util.List;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.PurchaseState;
import org.memberhub.kernel.fold.SpendState;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.SpendDecision;
import org.memberhub.kernel.points.SpendPurpose;

/**
 * Available points pay part of an order (up to the share of its amount the rules allow), a product or a benefit,
 * taken from the lots that expire first; once per order, redemption or benefit purchase.
 */
final class SpendingRules {

    private SpendingRules() {}

    /** Pays part of an order of the given amount. */
    static Decided<SpendDecision> spendOnOrder(Deciding d, String orderId, Money orderAmount, long points) {
        requireReference(orderId);
        SpendState known = d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId);
        if (known != null) {
            if (known.points() != points || known.orderAmountFen() != orderAmount.fen()) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return Decided.again(decision(known));
        }
        requirePositive(points);
        if (orderAmount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, orderAmount);
        }
        long limit = d.rules().maxDeductionPoints(orderAmount);
        if (points > limit) {
            throw new DomainException(ErrorCode.DEDUCTION_LIMIT_EXCEEDED, points, limit);
        }
        requireAvailable(d.state(), points);
        List<LotConsumption> consumed = new ArrayList<>();
        PointRules.takeAvailable(d.state(), points, null, consumed);
        d.apply(new PointsSpentEvent(
                d.id(),
                SpendPurpose.ORDER_DEDUCTION,
                orderId,
                points,
                orderAmount,
                d.rules().deductionValue(points),
                null,
                List.copyOf(consumed)));
        return Decided.fresh(decision(d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId)));
    }

    /**
     * Pays part of a purchase the member made, with the deduction limit taken from the purchase as recorded (its
     * amount less what was refunded) rather than from the caller; a repeat with the same points is a duplicate.
     */
    static Decided<SpendDecision> spendOnPurchase(Deciding d, String orderId, long points) {
        requireReference(orderId);
        SpendState known = d.state().spend(SpendPurpose.ORDER_DEDUCTION, orderId);
        if (known != null) {
            if (known.points() != points) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return Decided.again(decision(known));
        }
        PurchaseState purchase = d.state().purchase(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        Money paid = new Money(purchase.refundableFen());
        if (paid.isZero()) {
            throw new DomainException(ErrorCode.DEDUCTION_LIMIT_EXCEEDED, points, 0);
        }
        return spendOnOrder(d, orderId, paid, points);
    }

    static Decided<SpendDecision> redeem(Deciding d, String redemptionId, String productId, long points) {
        requireReference(redemptionId);
        requireReference(productId);
        SpendState known = d.state().spend(SpendPurpose.REDEMPTION, redemptionId);
        if (known != null && known.points() != points) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, redemptionId);
        }
        return spendOnProduct(d, SpendPurpose.REDEMPTION, redemptionId, productId, points);
    }

    /** Pays a benefit's price; the same purchase id again spends nothing. */
    static Decided<SpendDecision> buyBenefit(Deciding d, String purchaseId, String benefitId, long price) {
        requireReference(purchaseId);
        return spendOnProduct(d, SpendPurpose.BENEFIT, purchaseId, benefitId, price);
    }

    /** Spends points on a product or benefit, once per reference: a known reference answers its first decision. */
    private static Decided<SpendDecision> spendOnProduct(
            Deciding d, SpendPurpose purpose, String reference, String productId, long points) {
        SpendState known = d.state().spend(purpose, reference);
        if (known != null) {
            if (!known.productId().equals(productId)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, reference);
            }
            return Decided.again(decision(known));
        }
        requirePositive(points);
        requireAvailable(d.state(), points);
        List<LotConsumption> consumed = new ArrayList<>();
        PointRules.takeAvailable(d.state(), points, null, consumed);
        d.apply(new PointsSpentEvent(d.id(), purpose, reference, points, null, null, productId, List.copyOf(consumed)));
        return Decided.fresh(decision(d.state().spend(purpose, reference)));
    }

    private static SpendDecision decision(SpendState spend) {
        return new SpendDecision(
                spend.purpose(),
                spend.reference(),
                spend.points(),
                spend.purpose() == SpendPurpose.ORDER_DEDUCTION ? new Money(spend.valueFen()) : null,
                spend.consumed());
    }
}
