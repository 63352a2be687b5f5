package org.memberhub.kernel.points;

import java.time.Instant;
import org.memberhub.kernel.loyalty.PointsSource;

/** One change of a member's points; the sums of {@code availableChange} and {@code pendingChange} over the ledger are the balance. */
public record LedgerEntry(
        long sequence,
        Instant occurredAt,
        String type,
        PointsSource source,
        String reference,
        long availableChange,
        long pendingChange,
        Integer lotNo,
        String reason,
        String actor,
        String channel,
        String correlationId) {}
