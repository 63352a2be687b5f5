package org.memberhub.kernel.level;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/** Newest changes first. */
public record FindLevelHistoryQuery(MemberId memberId, int page, int size, ConsistencyToken awaiting) {}
