package org.memberhub.kernel.points;

import java.time.Instant;

/** One change of a member's points ({@code type} EARNED, RELEASED, SPENT, REVERSED, EXPIRED or ADJUSTED; {@code source} what earned or spent them); the sums of {@code availableChange} and {@code pendingChange} over the ledger are the balance. */
public record LedgerEntry(
        long sequence,
        Instant occurredAt,
        String type,
        String source,
        String reference,
        long availableChange,
        long pendingChange,
        Integer lotNo,
        String reason,
        String actor,
        String channel,
        String correlationId) {}
