package org.memberhub.kernel.loyalty;

import org.memberhub.kernel.level.LevelStatus;

/** What the aggregate decided, with the member's balances, level and version after it; {@code duplicate} when the command had been applied before and this repeats its decision. */
public record LoyaltyOutcome<D>(D decision, PointsBalance points, LevelStatus level, long version, boolean duplicate) {}
