package org.memberhub.kernel.loyalty;

import java.math.BigDecimal;

/**
 * One membership level: the net qualifying spend (yuan) from which a member holds it, the share of the price the
 * member pays ({@code discount} 0.95 = 5 % off) and the multiplier of purchase points.
 */
public record LevelRule(
        int level,
        String nameZh,
        String nameEn,
        BigDecimal threshold,
        BigDecimal discount,
        BigDecimal pointsMultiplier) {}
