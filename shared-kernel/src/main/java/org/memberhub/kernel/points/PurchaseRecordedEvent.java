package org.memberhub.kernel.points;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record PurchaseRecordedEvent(
        MemberId memberId, String orderId, Money amount, Instant occurredAt, Money netSpendAfter)
        implements MemberEvent {}
