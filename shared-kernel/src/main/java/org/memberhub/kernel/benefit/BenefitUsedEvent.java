package org.memberhub.kernel.benefit;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/**
 * A member used a benefit: free of charge as one of its level's benefits ({@code pointsPaid} 0, counted in
 * {@code period} when the benefit has a quota), or bought for {@code pointsPaid} points.
 */
@Revision("1")
public record BenefitUsedEvent(
        MemberId memberId,
        BenefitId benefitId,
        String useId,
        BenefitType type,
        int level,
        String period,
        long pointsPaid)
        implements MemberEvent {}
