package org.memberhub.kernel.points;

import java.time.Instant;
import org.memberhub.kernel.loyalty.Money;

public record PurchaseDecision(
        String orderId, Money amount, long pointsEarned, boolean pending, Instant releaseAt, Integer lotNo) {}
