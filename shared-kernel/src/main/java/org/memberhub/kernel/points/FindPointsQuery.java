package org.memberhub.kernel.points;

import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/** Answers an {@code Optional<PointsView>}. */
public record FindPointsQuery(MemberId memberId, ConsistencyToken awaiting) {}
