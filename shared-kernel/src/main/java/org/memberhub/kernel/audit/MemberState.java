package org.memberhub.kernel.audit;

import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.level.LevelStatus;
import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberStatus;

/**
 * A member rebuilt from its events up to an instant: {@code version} is the sequence number of the last event
 * applied. Transitions that were due but not yet recorded as events at that instant are not applied.
 */
public record MemberState(
        MemberId memberId,
        Instant asOf,
        long version,
        Instant joinedAt,
        MemberProfile profile,
        MemberStatus status,
        LevelStatus level,
        PointsBalance points,
        List<OpenLot> lots) {}
