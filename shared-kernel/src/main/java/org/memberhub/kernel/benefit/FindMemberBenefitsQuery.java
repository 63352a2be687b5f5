package org.memberhub.kernel.benefit;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/**
 * The active benefits a member gets by level or can buy; answers a list of {@link MemberBenefitView}. With a token,
 * it waits until the member's level and status reflect the decision the token names.
 */
public record FindMemberBenefitsQuery(MemberId memberId, ConsistencyToken awaiting) {

    public FindMemberBenefitsQuery(MemberId memberId) {
        this(memberId, null);
    }
}
