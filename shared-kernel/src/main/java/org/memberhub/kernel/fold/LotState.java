package org.memberhub.kernel.fold;

import java.time.Instant;
import org.memberhub.kernel.loyalty.PointsSource;

/** An open lot of points as folded from a member's events: earned together, released together, expiring together. */
public record LotState(
        int lotNo,
        PointsSource source,
        String reference,
        long points,
        long remaining,
        boolean pending,
        Instant releaseAt,
        Instant expiresAt) {

    LotState withRemaining(long left, boolean stillPending) {
        return new LotState(lotNo, source, reference, points, left, stillPending, releaseAt, expiresAt);
    }
}
