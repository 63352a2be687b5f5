package org.memberhub.api.points;

import org.memberhub.api.level.LevelDescriber;
import org.memberhub.api.level.LevelSummary;
import org.memberhub.kernel.level.LevelStatus;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.loyalty.PointsBalance;

/**
 * What a loyalty command decided ({@code decision}, shaped per command), the member's balances and level after it,
 * and its version. {@code duplicate} is true when the command had been applied before: nothing changed, and the
 * decision is the one made the first time.
 */
public record LoyaltyResponse(
        Object decision, PointsBalance points, LevelSummary level, long version, boolean duplicate) {

    public static LoyaltyResponse of(LoyaltyOutcome<?> outcome, LevelDescriber levels) {
        LevelStatus level = outcome.level();
        return new LoyaltyResponse(
                outcome.decision(),
                outcome.points(),
                levels.describe(level.level(), level.netSpend(), level.manual()),
                outcome.version(),
                outcome.duplicate());
    }
}
