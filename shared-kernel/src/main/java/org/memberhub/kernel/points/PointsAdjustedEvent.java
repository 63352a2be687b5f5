package org.memberhub.kernel.points;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/** Points added by staff as a new lot ({@code delta} > 0) or removed from the lots that expire first. */
@Revision("1")
public record PointsAdjustedEvent(
        MemberId memberId,
        String adjustmentId,
        long delta,
        String reason,
        Integer lotNo,
        Instant expiresAt,
        long debtSettled,
        List<LotConsumption> consumed)
        implements MemberEvent {}
