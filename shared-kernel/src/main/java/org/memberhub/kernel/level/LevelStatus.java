package org.memberhub.kernel.level;

import org.memberhub.kernel.loyalty.Money;

/** A member's effective level, net qualifying spend (purchases − refunds) and manual level, if any. */
public record LevelStatus(int level, Money netSpend, ManualLevel manual) {}
