package org.memberhub.kernel.loyalty;

/** Points taken from one lot; {@code pending} when the lot had not been released yet. */
public record LotConsumption(int lotNo, long points, boolean pending) {}
