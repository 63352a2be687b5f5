package org.memberhub.kernel.benefit;

/**
 * A benefit as it stands for one member: whether the member's level gets it, free uses in the current quota period
 * and left, and whether it can be bought.
 */
public record MemberBenefitView(
        BenefitView benefit,
        boolean granted,
        String period,
        Integer usedInPeriod,
        Integer quotaLeft,
        boolean buyable) {}
