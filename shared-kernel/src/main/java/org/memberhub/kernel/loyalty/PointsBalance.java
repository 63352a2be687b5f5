package org.memberhub.kernel.loyalty;

/** A member's points: {@code available} = open available lots − debt (negative while a debt is open), {@code pending} = points still in the return window. */
public record PointsBalance(
        long available,
        long pending,
        long debt,
        long lifetimeEarned,
        long lifetimeSpent,
        long lifetimeExpired,
        long lifetimeReversed,
        long lifetimeAdjusted) {}
