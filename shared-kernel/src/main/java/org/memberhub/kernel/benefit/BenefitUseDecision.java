package org.memberhub.kernel.benefit;

/**
 * The outcome of a use or purchase of a benefit.
 *
 * @param usedInPeriod free uses in the quota period so far, including this one ({@code null} without a quota)
 * @param quotaLeft free uses left in the period ({@code null} without a quota)
 */
public record BenefitUseDecision(
        BenefitId benefitId, String useId, long pointsPaid, String period, Integer usedInPeriod, Integer quotaLeft) {}
