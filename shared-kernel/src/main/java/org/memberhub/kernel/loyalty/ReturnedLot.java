package org.memberhub.kernel.loyalty;

import java.time.Instant;

/**
 * A new lot of points given back from an order's deduction: it keeps the expiry of the lot the points were taken from
 * and, like any points becoming available, first pays off debt ({@code debtSettled} of its {@code points}).
 */
public record ReturnedLot(int lotNo, long points, Instant expiresAt, long debtSettled) {}
