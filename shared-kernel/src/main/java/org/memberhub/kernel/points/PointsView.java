package org.memberhub.kernel.points;

import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.member.MemberId;

public record PointsView(MemberId memberId, PointsBalance balance, long version) {}
