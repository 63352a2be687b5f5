package org.memberhub.kernel.level;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/** Answers an {@code Optional<MemberLevelView>}. */
public record FindMemberLevelQuery(MemberId memberId, ConsistencyToken awaiting) {}
