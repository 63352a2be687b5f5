package org.memberhub.command.member;

import static org.memberhub.command.member.PointRules.requireReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.AdjustmentState;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.points.AdjustmentDecision;
import org.memberhub.kernel.points.PointsAdjustedEvent;

/**
 * Staff add points as a new available lot (paying off any debt first) or remove available points from the lots that
 * expire first; once per adjustment id.
 */
final class PointsAdjustmentRules {

    private PointsAdjustmentRules() {}

    static Decided<AdjustmentDecision> adjust(Deciding d, String adjustmentId, long delta, String reason) {
        requireReference(adjustmentId);
        AdjustmentState known = d.state().adjustment(adjustmentId);
        if (known != null) {
            if (known.delta() != delta || !Objects.equals(known.reason(), reason)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, adjustmentId);
            }
            return Decided.again(decision(adjustmentId, known));
        }
        if (delta == 0) {
            throw new DomainException(ErrorCode.INVALID_POINTS, delta);
        }
        if (delta > 0) {
            d.apply(new PointsAdjustedEvent(
                    d.id(),
                    adjustmentId,
                    delta,
                    reason,
                    d.state().lots().lastLotNo() + 1,
                    d.rules().lotLifetime().addTo(d.now(), d.zone()),
                    Math.min(d.state().debt(), delta),
                    List.of()));
        } else {
            PointRules.requireAvailable(d.state(), -delta);
            List<LotConsumption> consumed = new ArrayList<>();
            PointRules.takeAvailable(d.state(), -delta, null, consumed);
            d.apply(new PointsAdjustedEvent(d.id(), adjustmentId, delta, reason, null, null, 0, List.copyOf(consumed)));
        }
        return Decided.fresh(decision(adjustmentId, d.state().adjustment(adjustmentId)));
    }

    private static AdjustmentDecision decision(String adjustmentId, AdjustmentState adjustment) {
        return new AdjustmentDecision(adjustmentId, adjustment.delta(), adjustment.lotNo(), adjustment.consumed());
    }
}
