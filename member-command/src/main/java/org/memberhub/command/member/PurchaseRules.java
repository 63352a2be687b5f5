package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requireReference;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.LotState;
import org.memberhub.kernel.fold.PurchaseState;
import org.memberhub.kernel.fold.RefundState;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PurchaseDecision;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.RefundDecision;

/**
 * Purchases earn points by the level held before them, pending until the return window has passed; refunds take back
 * the refunded share of what the order earned, from its own lot first, then from the available lots that expire
 * first, and what cannot be taken becomes debt; and they give back the refunded share of the points spent on the order
 * ({@link DeductionReturns}). Both move the net spend, and with it the level.
 */
final class PurchaseRules {

    /** How far in the future a purchase may say it happened, for clocks that are slightly off. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private PurchaseRules() {}

    static Decided<PurchaseDecision> record(Deciding d, String orderId, Money amount, Instant declaredAt) {
        requireReference(orderId);
        PurchaseState known = d.state().purchase(orderId);
        if (known != null) {
            if (!known.sameAs(amount.fen(), declaredAt)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return Decided.again(decision(known));
        }
        if (amount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, amount);
        }
        Instant occurredAt = declaredAt == null ? d.now() : declaredAt;
        if (occurredAt.isAfter(d.now().plus(CLOCK_SKEW))) {
            throw new DomainException(ErrorCode.OCCURRED_IN_FUTURE, occurredAt);
        }
        long points = d.rules().purchasePoints(amount, d.state().level());
        Instant releaseAt = d.rules().returnWindow().addTo(occurredAt, d.zone());
        d.apply(new PurchaseRecordedEvent(
                d.id(), orderId, amount, occurredAt, d.state().netSpend().plus(amount)));
        if (points > 0) {
            // the points' lifetime, like the return window, counts from when the order was paid
            PointRules.openLot(
                    d,
                    PointsSource.PURCHASE,
                    orderId,
                    points,
                    releaseAt.isAfter(d.now()) ? releaseAt : null,
                    occurredAt);
        }
        LevelRules.reevaluate(d, "purchase " + orderId);
        return Decided.fresh(decision(d.state().purchase(orderId)));
    }

    static Decided<RefundDecision> refund(Deciding d, String refundId, String orderId, Money amount) {
        requireReference(refundId);
        requireReference(orderId);
        RefundState known = d.state().refund(refundId);
        if (known != null) {
            if (!known.orderId().equals(orderId) || known.amountFen() != amount.fen()) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, refundId);
            }
            return Decided.again(decision(known));
        }
        if (amount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, amount);
        }
        PurchaseState purchase = d.state().purchase(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        long refundableFen = purchase.refundableFen();
        if (amount.fen() > refundableFen) {
            throw new DomainException(ErrorCode.REFUND_EXCEEDS_PURCHASE, amount, orderId, new Money(refundableFen));
        }
        d.apply(new PurchaseRefundedEvent(
                d.id(),
                refundId,
                orderId,
                amount,
                new Money(d.state().netSpend().fen() - amount.fen())));

        // the share of the order's points that the refunded share of its amount earned; computed on the totals so
        // that partial refunds adding up to the whole order take back exactly what the order earned
        long shareOfPoints =
                proportion(purchase.pointsEarned(), purchase.refundedFen() + amount.fen(), purchase.amountFen());
        long toReverse = shareOfPoints - purchase.pointsReversed();
        if (toReverse > 0) {
            List<LotConsumption> consumed = new ArrayList<>();
            long left = toReverse;
            LotState own = purchase.lotNo() == null ? null : d.state().lots().get(purchase.lotNo());
            if (own != null) {
                long take = Math.min(left, own.remaining());
                consumed.add(new LotConsumption(own.lotNo(), take, own.pending()));
                left -= take;
            }
            left = PointRules.takeAvailable(d.state(), left, own == null ? null : own.lotNo(), consumed);
            d.apply(new PointsReversedEvent(d.id(), refundId, orderId, toReverse, List.copyOf(consumed), left));
        }
        DeductionReturns.onRefund(d, refundId, purchase, amount.fen());
        LevelRules.reevaluate(d, "refund " + refundId);
        return Decided.fresh(decision(d.state().refund(refundId)));
    }

    /** floor(points × part / whole), exact for any sizes. */
    static long proportion(long points, long part, long whole) {
        return BigInteger.valueOf(points)
                .multiply(BigInteger.valueOf(part))
                .divide(BigInteger.valueOf(whole))
                .longValueExact();
    }

    private static PurchaseDecision decision(PurchaseState purchase) {
        return new PurchaseDecision(
                purchase.orderId(),
                new Money(purchase.amountFen()),
                purchase.pointsEarned(),
                purchase.pending(),
                purchase.releaseAt(),
                purchase.lotNo());
    }

    private static RefundDecision decision(RefundState refund) {
        return new RefundDecision(
                refund.refundId(),
                refund.orderId(),
                new Money(refund.amountFen()),
                refund.pointsReversed(),
                refund.debtIncurred(),
                refund.pointsReturned(),
                refund.pointsExpired());
    }
}
