package org.memberhub.kernel.points;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/** Points of a refunded order taken back: from the order's own lot, then from other available lots, and the rest as debt. */
@Revision("1")
public record PointsReversedEvent(
        MemberId memberId,
        String refundId,
        String orderId,
        long points,
        List<LotConsumption> consumed,
        long debtIncurred)
        implements MemberEvent {}
