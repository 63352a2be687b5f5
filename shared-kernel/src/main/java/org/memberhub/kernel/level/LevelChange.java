package org.memberhub.kernel.level;

import java.time.Instant;
import org.memberhub.kernel.loyalty.Money;

public record LevelChange(
        long sequence,
        Instant occurredAt,
        String kind,
        int fromLevel,
        int toLevel,
        Money netSpend,
        String reason,
        String actor) {}
