package org.memberhub.kernel.points;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record PointsExpiredEvent(MemberId memberId, int lotNo, long points, boolean pending, Instant dueAt)
        implements MemberEvent {}
