package org.memberhub.kernel.points;

import org.memberhub.kernel.loyalty.Money;

public record RefundDecision(String refundId, String orderId, Money amount, long pointsReversed, long debtIncurred) {}
