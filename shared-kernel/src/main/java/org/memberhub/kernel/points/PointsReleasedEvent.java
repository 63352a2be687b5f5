package org.memberhub.kernel.points;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/** A pending lot's return window passed: its points became available, after paying off {@code debtSettled} points of debt. */
@Revision("1")
public record PointsReleasedEvent(MemberId memberId, int lotNo, long points, Instant dueAt, long debtSettled)
        implements MemberEvent {}
