package org.memberhub.kernel.points;

import java.time.Instant;
import org.memberhub.kernel.loyalty.PointsSource;

public record LotView(
        int lotNo,
        PointsSource source,
        String reference,
        long points,
        long remaining,
        boolean pending,
        Instant earnedAt,
        Instant releaseAt,
        Instant expiresAt) {}
