package org.memberhub.kernel.benefit;

/** How often a member may use a benefit free of charge: {@code uses} times per {@code period}. */
public record Quota(int uses, QuotaPeriod period) {}
