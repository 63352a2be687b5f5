package org.memberhub.kernel.points;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/** A new lot. Pending lots become available at {@code releaseAt}; an available lot first pays off {@code debtSettled} points of debt. */
@Revision("1")
public record PointsEarnedEvent(
        MemberId memberId,
        int lotNo,
        PointsSource source,
        String reference,
        long points,
        boolean pending,
        Instant releaseAt,
        Instant expiresAt,
        long debtSettled)
        implements MemberEvent {}
