package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requirePositive;
import static org.memberhub.command.member.PointRules.requireReference;

import java.time.LocalDate;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.EarningState;
import org.memberhub.kernel.fold.PurchaseState;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnType;

/**
 * Points earned other than by purchases, each as an available lot and once per occasion: a review once per purchased
 * order, a check-in once per calendar day and birthday points once per year in the birthday month (days and months in
 * the member's time zone), an activity's reward once per activity.
 */
final class EarningRules {

    private EarningRules() {}

    static Decided<EarnDecision> earn(Deciding d, EarnType type, String orderId, LocalDate birthday) {
        LocalDate today = LocalDate.ofInstant(d.now(), d.zone());
        String reference;
        long points;
        switch (type) {
            case REVIEW -> {
                requireReference(orderId);
                reference = orderId;
                points = d.rules().reviewPoints();
            }
            case CHECK_IN -> {
                reference = today.toString();
                points = d.rules().checkInPoints();
            }
            case BIRTHDAY -> {
                reference = Integer.toString(today.getYear());
                points = d.rules().birthdayPoints();
            }
            default -> throw new IllegalArgumentException("unknown earning " + type);
        }
        EarningState known = d.state().earning(PointsSource.valueOf(type.name()), reference);
        if (known != null) {
            return Decided.again(new EarnDecision(type, reference, known.points(), known.lotNo()));
        }
        if (type == EarnType.REVIEW) {
            requireReviewable(d, orderId);
        }
        if (type == EarnType.BIRTHDAY) {
            if (birthday == null) {
                throw new DomainException(ErrorCode.NO_BIRTHDAY);
            }
            if (birthday.getMonth() != today.getMonth()) {
                throw new DomainException(ErrorCode.NOT_BIRTHDAY_MONTH, birthday.getMonthValue());
            }
        }
        if (points == 0) {
            return Decided.fresh(new EarnDecision(type, reference, 0, null));
        }
        int lotNo = PointRules.openLot(d, PointsSource.valueOf(type.name()), reference, points, null);
        return Decided.fresh(new EarnDecision(type, reference, points, lotNo));
    }

    /** Credits the reward of an activity the member joined; the same activity again changes nothing. */
    static Decided<EarnDecision> rewardActivity(Deciding d, String activityId, long points) {
        requireReference(activityId);
        EarningState known = d.state().earning(PointsSource.ACTIVITY, activityId);
        if (known != null) {
            return Decided.again(new EarnDecision(null, activityId, known.points(), known.lotNo()));
        }
        requirePositive(points);
        int lotNo = PointRules.openLot(d, PointsSource.ACTIVITY, activityId, points, null);
        return Decided.fresh(new EarnDecision(null, activityId, points, lotNo));
    }

    /**
     * A review earns points for an order the member purchased and still holds at least in part: an order refunded in
     * full when the review comes in earns nothing, one refunded in part still does (SPEC §3: once per purchased order).
     */
    private static void requireReviewable(Deciding d, String orderId) {
        PurchaseState purchase = d.state().purchase(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        if (purchase.refundedFen() >= purchase.amountFen()) {
            throw new DomainException(ErrorCode.ORDER_FULLY_REFUNDED, orderId);
        }
    }
}
