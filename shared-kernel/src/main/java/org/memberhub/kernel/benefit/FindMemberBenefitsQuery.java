package org.memberhub.kernel.benefit;

import org.memberhub.kernel.member.MemberId;

/** The active benefits a member gets by level or can buy; answers a list of {@link MemberBenefitView}. */
public record FindMemberBenefitsQuery(MemberId memberId) {}
