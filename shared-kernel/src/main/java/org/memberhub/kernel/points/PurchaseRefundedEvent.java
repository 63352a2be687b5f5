package org.memberhub.kernel.points;

import org.axonframework.serialization.Revision;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;

@Revision("1")
public record PurchaseRefundedEvent(
        MemberId memberId, String refundId, String orderId, Money amount, Money netSpendAfter) implements MemberEvent {}
