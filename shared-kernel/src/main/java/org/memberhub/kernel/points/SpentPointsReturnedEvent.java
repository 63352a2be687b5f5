package org.memberhub.kernel.points;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

/**
 * Points spent on an order given back, because the order was refunded ({@code refundId}) or its deduction cancelled
 * ({@code refundId} null): {@code points} as new lots that keep the expiry of the lots they were taken from, and
 * {@code expired} points whose lots had expired by then, which come back expired (that is, not at all).
 */
@Revision("1")
public record SpentPointsReturnedEvent(
        MemberId memberId, String orderId, String refundId, long points, long expired, List<ReturnedLot> lots)
        implements MemberEvent {

    /** Whether the points came back because the deduction was cancelled rather than the order refunded. */
    public boolean cancelled() {
        return refundId == null;
    }
}
