package org.memberhub.kernel.audit;

import java.time.Instant;
import org.memberhub.kernel.loyalty.PointsSource;

/** An open lot of a member rebuilt as of an instant: {@code remaining} of its {@code points} are left. */
public record OpenLot(
        int lotNo,
        PointsSource source,
        String reference,
        long points,
        long remaining,
        boolean pending,
        Instant releaseAt,
        Instant expiresAt) {}
