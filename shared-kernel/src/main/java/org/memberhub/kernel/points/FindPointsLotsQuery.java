package org.memberhub.kernel.points;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/** Answers the open lots, the first to expire first. */
public record FindPointsLotsQuery(MemberId memberId, ConsistencyToken awaiting) {}
