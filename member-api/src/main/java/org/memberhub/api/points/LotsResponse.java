package org.memberhub.api.points;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.points.LotView;

/** Open lots, and how many available points expire within 30 and 90 days. */
public record LotsResponse(List<LotView> items, long expiringWithin30Days, long expiringWithin90Days) {

    public static LotsResponse of(List<LotView> lots, Instant now) {
        return new LotsResponse(
                lots, expiringWithin(lots, now, Duration.ofDays(30)), expiringWithin(lots, now, Duration.ofDays(90)));
    }

    private static long expiringWithin(List<LotView> lots, Instant now, Duration window) {
        Instant until = now.plus(window);
        return lots.stream()
                .filter(lot -> !lot.pending() && !lot.expiresAt().isAfter(until))
                .mapToLong(LotView::remaining)
                .sum();
    }
}
