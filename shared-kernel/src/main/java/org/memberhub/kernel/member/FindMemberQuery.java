package org.memberhub.kernel.member;

import org.memberhub.kernel.consistency.ConsistencyToken;

/** Answers an {@code Optional<MemberView>}; deleted members are included with their status. */
public record FindMemberQuery(MemberId memberId, ConsistencyToken awaiting) {

    public FindMemberQuery(MemberId memberId) {
        this(memberId, null);
    }
}
