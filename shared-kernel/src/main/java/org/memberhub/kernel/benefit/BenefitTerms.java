package org.memberhub.kernel.benefit;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the catalogue says about a benefit.
 *
 * @param value the discount (share of the price paid) or points multiplier; {@code null} for other types
 * @param levels the levels that get the benefit, ascending
 * @param quota free uses per period; {@code null} for no limit
 * @param pointsPrice the points a member pays to buy one use; {@code null} when it cannot be bought
 */
public record BenefitTerms(
        String nameZh,
        String nameEn,
        String description,
        BenefitType type,
        BigDecimal value,
        List<Integer> levels,
        Quota quota,
        Long pointsPrice) {

    public BenefitTerms {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public boolean grantedTo(int level) {
        return levels.contains(level);
    }
}
