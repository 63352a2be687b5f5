package org.memberhub.api.level;

import java.math.BigDecimal;
import java.time.Instant;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.loyalty.Money;

/**
 * A member's level as the API shows it: the level with its name (in the caller's language), price share
 * ({@code discount} 0.95 = 5 % off) and points multiplier; the level net qualifying spend alone would give; the next
 * level and the spend still needed to reach it; and the manual level in force, if any, with when it ends.
 *
 * <p>The next level is the one spending can still reach: at the top level, and under a ceiling the member already
 * holds (a manual level below the automatic one caps the member until it ends), there is none — {@code nextLevel},
 * {@code nextLevelName} and {@code spendToNextLevel} are null and {@code nextLevelReachable} is false, never a level
 * shown as "0.00 to go" that the member cannot get.
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
        boolean nextLevelReachable,
        boolean cappedByManualLevel,
        ManualLevel manual,
        Instant manualLevelEndsAt) {

    /** The same level without why staff set the manual level (as a member sees it). */
    public LevelSummary withoutManualReason() {
        return new LevelSummary(
                level,
                name,
                discount,
                pointsMultiplier,
                automaticLevel,
                netSpend,
                nextLevel,
                nextLevelName,
                spendToNextLevel,
                nextLevelReachable,
                cappedByManualLevel,
                LevelResponse.withoutReason(manual),
                manualLevelEndsAt);
    }
}
