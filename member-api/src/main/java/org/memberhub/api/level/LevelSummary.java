package org.memberhub.api.level;

import java.math.BigDecimal;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.loyalty.Money;

/**
 * A member's level as the API shows it: the level with its name (in the caller's language), price share
 * ({@code discount} 0.95 = 5 % off) and points multiplier; the level net qualifying spend alone would give; the next
 * level and the spend still needed to reach it; and the manual level in force, if any.
 */
public record LevelSummary(
        int level,
        String name,
        BigDecimal discount,
        BigDecimal pointsMultiplier,
        int automaticLevel,
        Money netSpend,
        Integer nextLevel,
        String nextLevelName,
        Money spendToNextLevel,
        ManualLevel manual) {}
