package org.memberhub.api.points;

import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.PointsView;

/** A member's points balances and the version of the read model that holds them. */
public record PointsResponse(
        MemberId memberId,
        long available,
        long pending,
        long debt,
        long lifetimeEarned,
        long lifetimeSpent,
        long lifetimeExpired,
        long lifetimeReversed,
        long lifetimeAdjusted,
        long version) {

    public static PointsResponse of(PointsView view) {
        PointsBalance balance = view.balance();
        return new PointsResponse(
                view.memberId(),
                balance.available(),
                balance.pending(),
                balance.debt(),
                balance.lifetimeEarned(),
                balance.lifetimeSpent(),
                balance.lifetimeExpired(),
                balance.lifetimeReversed(),
                balance.lifetimeAdjusted(),
                view.version());
    }
}
