package org.memberhub.kernel.points;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/** Points spent, taken from the lots that expire first. */
@Revision("1")
public record PointsSpentEvent(
        MemberId memberId,
        SpendPurpose purpose,
        String reference,
        long points,
        Money orderAmount,
        Money value,
        String productId,
        List<LotConsumption> consumed)
        implements MemberEvent {}
