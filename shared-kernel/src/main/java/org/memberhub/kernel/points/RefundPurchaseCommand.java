package org.memberhub.kernel.points;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

/** Records a (partial) refund of an order; the same refund id again changes nothing. */
public record RefundPurchaseCommand(
        @TargetAggregateIdentifier MemberId memberId, String refundId, String orderId, Money amount) {}
