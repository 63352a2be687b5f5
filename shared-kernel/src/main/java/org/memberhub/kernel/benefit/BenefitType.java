package org.memberhub.kernel.benefit;

/**
 * What a benefit gives. Two types feed the loyalty rules: {@link #DISCOUNT} (its value is the share of the price a
 * member pays, 0.90 = 10 % off) and {@link #POINTS_MULTIPLIER} (its value multiplies purchase points).
 */
public enum BenefitType {
    DISCOUNT,
    POINTS_MULTIPLIER,
    FREE_SHIPPING,
    PRIORITY_SHIPPING,
    EXCLUSIVE_SERVICE,
    BIRTHDAY_GIFT,
    GIFT,
    OTHER;

    /** Whether benefits of this type carry a value. */
    public boolean valued() {
        return this == DISCOUNT || this == POINTS_MULTIPLIER;
    }
}
